/** Command-line flags of `npm start` (console mode). */
import { parseArgs } from "node:util";
import { echo } from "../core/echo.js";

export interface CliOptions {
  json: boolean;
  asMember: boolean;
  help: boolean;
}

export const CLI_USAGE = `Usage: npm start -- [--json] [--as member]
  --json         print each answer as one JSON line (console mode)
  --as member    use the console as a member instead of a moderator
  --help         show this help`;

/** Command-line flags; a bad flag is an error message, not a stack trace. */
export function parseCli(argv: string[]): CliOptions | { error: string } {
  try {
    const { values } = parseArgs({
      // A second "--" (npm start -- --json -- --as member) is npm's separator typed twice: not an argument.
      args: argv.filter((a) => a !== "--"),
      options: {
        json: { type: "boolean", default: false },
        as: { type: "string", default: "moderator" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    });
    if (values.as !== "member" && values.as !== "moderator")
      return { error: `--as takes member or moderator, not “${echo(values.as)}”.` };
    return { json: values.json, asMember: values.as === "member", help: values.help };
  } catch (error) {
    return { error: echo((error as Error).message, 200) };
  }
}
