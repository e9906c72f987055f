import {
  type CommandSender,
  type FakeSlack,
  type FakeSlackApiOptions,
  httpCommands,
  socketCommands,
  startFakeSlack,
} from "../fakes/slack/index.js";
import { cleanEnv } from "./process.js";
import { type RunningProcess, startProcess } from "./running-process.js";

/** The bot as a real process (`node dist/src/main.js`), configured only by its environment, against the fakes. */
export const PROCESS_SECRET = "process-signing-secret-0123456789";

export interface BotProcess {
  bot: RunningProcess;
  fake: FakeSlack;
  /** HTTP mode: the Request URL the bot logged. */
  url: string | undefined;
  slack: CommandSender;
  /** Kills the bot if it still runs, and closes the fakes. */
  close(): Promise<void>;
}

export async function startBotProcess(
  mode: "http" | "socket",
  options: {
    env?: Record<string, string>;
    fake?: FakeSlackApiOptions;
    /** Default: node dist/src/main.js. */
    command?: [string, string[]];
    /** Fakes an earlier process used (a restart); left open by close(). */
    using?: FakeSlack;
  } = {},
): Promise<BotProcess> {
  const fake =
    options.using ??
    (await startFakeSlack({
      channels: { C0GENERAL: { name: "general" } },
      ...options.fake,
      socketMode: mode === "socket",
    }));
  const [command, args] = options.command ?? [process.execPath, ["dist/src/main.js"]];
  const bot = startProcess(
    command,
    args,
    cleanEnv({
      SLACK_BOT_TOKEN: fake.api.botToken,
      SLACK_API_URL: fake.api.url,
      SLACK_MODERATOR_IDS: "U0MOD",
      LOG_FORMAT: "json",
      ...(mode === "http"
        ? { SLACK_SIGNING_SECRET: PROCESS_SECRET, PORT: "0" }
        : { SLACK_APP_TOKEN: fake.api.appToken }),
      ...options.env,
    }),
  );
  const close = async () => {
    await bot.stop("SIGKILL");
    if (!options.using) await fake.close();
  };
  try {
    const ready = await bot.waitForLog((l) => l.msg === "Slack adapter ready", 60_000);
    const url = typeof ready.url === "string" ? ready.url : undefined;
    const slack =
      mode === "http"
        ? httpCommands(fake.api, url ?? "", PROCESS_SECRET)
        : socketCommands(fake.api, fake.socket ?? missing());
    return { bot, fake, url, slack, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function missing(): never {
  throw new Error("the Socket Mode fake is missing");
}
