/** The project root, whether running from src/ via tsx or from dist/ after a build. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("package.json not found above the running code");
    dir = parent;
  }
  return dir;
}

export const ROOT = findRoot();
export const DATA_DIR = join(ROOT, "data");
