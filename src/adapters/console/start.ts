/** The console adapter: the token-free platform, one command a line at a prompt or piped. */
import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import { answer, type Bot } from "../../core/answer.js";
import { parseCommandLine } from "../../core/parse-text.js";
import { errorReply, type Outcome } from "../../core/reply.js";
import { renderText } from "../../render/plain-text.js";
import type { RunningAdapter } from "../contract.js";
import { boundedLines, MAX_LINE } from "./bounded-lines.js";
import { renderJson } from "./render-json.js";

export interface ConsoleOptions {
  /** Print each outcome as one JSON line instead of text. */
  json: boolean;
  /** The console user is a moderator unless this is set, so /article post can be tried both ways. */
  asMember: boolean;
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  output?: NodeJS.WritableStream & { isTTY?: boolean };
}

const EXIT = new Set(["/exit", "/quit", "exit", "quit"]);
/** The console's one workspace and channel in the moderator records. */
const CONSOLE_WHERE = { workspace: "console", channel: "console" };

/**
 * The token-free adapter: reads one command a line (typed at a prompt, or piped) and prints each
 * answer; `done` resolves when input ends or `stop()` is called.
 */
export function start(bot: Bot, options: ConsoleOptions): Promise<RunningAdapter> {
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const done = session(bot, options, stopped);
  return Promise.resolve({
    name: "console",
    health: () => ({ state: "ready" }),
    async stop() {
      stop();
      await done;
    },
    done,
  });
}

async function session(bot: Bot, options: ConsoleOptions, stopped: Promise<void>): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = Boolean(input.isTTY && output.isTTY);
  // A person at the keyboard gets the banner and prompt even when the output is piped (| tee log).
  const person = Boolean(input.isTTY);
  const styled = Boolean(output.isTTY) && !options.json && process.env.NO_COLOR === undefined;
  const user = { id: "console", name: safeUserName() };

  const rl = createInterface({
    // A terminal is read as typed; anything else is cut into lines of bounded length first.
    input: interactive ? input : input.pipe(boundedLines()),
    ...(person ? { output, prompt: "> " } : {}),
    terminal: interactive,
  });
  const print = async (outcome: Outcome) => {
    const article = await bot.library.textOf(outcome);
    output.write(
      `${options.json ? renderJson(outcome, article) : `${renderText(outcome, article, { styled })}\n`}\n`,
    );
  };

  void stopped.then(() => rl.close());
  // Ctrl-C at the prompt ends the session like /exit.
  rl.on("SIGINT", () => rl.close());
  // A reader that goes away (`| head`) ends the session quietly instead of crashing it.
  output.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") rl.close();
    else bot.log.error({ err: error }, "console output failed");
  });

  if (person) {
    output.write(
      `Console mode: no Discord or Slack tokens are set. You are a ${options.asMember ? "member" : "moderator"}.\nType /help to see the commands, /exit to leave.\n`,
    );
    rl.prompt();
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "") {
      if (person) rl.prompt();
      continue;
    }
    if (EXIT.has(line.toLowerCase())) break;
    if (raw.length > MAX_LINE) {
      await print(
        errorReply(
          `That line is longer than ${MAX_LINE.toLocaleString("en-US")} characters, so it was not run. Commands are short: type /help to see them.`,
        ),
      );
      if (person) rl.prompt();
      continue;
    }
    const parsed = parseCommandLine(line, bot.commands);
    await print(
      parsed.ok
        ? await answer(bot, {
            command: parsed.command,
            subcommand: parsed.subcommand,
            options: parsed.options,
            user,
            isModerator: () => !options.asMember,
            platform: "console",
            // Recorded like any platform's, so /article history can be tried here too.
            where: CONSOLE_WHERE,
          })
        : errorReply(parsed.error),
    );
    if (person) rl.prompt();
  }
  rl.close();
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return "console";
  }
}
