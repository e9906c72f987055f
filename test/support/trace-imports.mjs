// Loaded with `node --import`: records every module the process resolves into $TRACE_IMPORTS_FILE,
// so a test can prove console mode never loads discord.js or Bolt.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(process.env.TRACE_IMPORTS_FILE ?? "/dev/null")}, result.url + "\\n");
  return result;
}`)}`,
);
