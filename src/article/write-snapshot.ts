/**
 * `node dist/src/article/write-snapshot.js <file>`: the build's last step (scripts/build.mjs)
 * derives the shipped article and writes it to `<file>` (see snapshot.ts). Data the bot would
 * refuse writes nothing and exits 1; the bot then says what is wrong when it starts.
 */
import { writeArticleSnapshot } from "./load.js";

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: write-snapshot.js <file>\n");
  process.exit(2);
}
writeArticleSnapshot(file);
