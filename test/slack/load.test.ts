import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CommandAnswer, visibleBlocks, visibleText } from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { burstDeadlineMs } from "../support/deadline.js";
import { type BotProcess, startBotProcess } from "../support/slack-process.js";

/**
 * 1,000 signed slash commands, 100 at a time, to the real process's Bolt HTTP receiver: each
 * answered once, with the right answer; under `npm run soak` also inside Slack's 3 s as the fake
 * measures it (lifted in `npm test`: see support/deadline.ts). The cooldown is off here: this is a
 * crowd of members, not one member flooding.
 */
let running: BotProcess;
beforeAll(async () => {
  running = await startBotProcess("http", { env: { COOLDOWN_COMMANDS: "0" } });
});
afterAll(() => running.close());

const TOTAL = 1_000;
const CONCURRENCY = 100;

const slice = (s: { start: number; end: number } | undefined) => article.text.slice(s?.start, s?.end);

/** Each command, with what its answer must show. */
const CASES: { line: string; type: string; check: (ack: Record<string, unknown>) => void }[] = [
  {
    line: "/quote grants",
    type: "in_channel",
    check: (ack) => {
      expect(visibleBlocks(ack)[0]).toBe("Jeff Sessions on “grants”");
      expect(visibleBlocks(ack)).toContain(slice(article.quotes[2]));
    },
  },
  {
    line: "/summary",
    type: "in_channel",
    check: (ack) => expect(visibleBlocks(ack)[0]).toBe(`Summary: ${article.title}`),
  },
  {
    line: "/penalties private",
    type: "ephemeral",
    check: (ack) => {
      for (const item of article.penalties.items) expect(visibleText(ack)).toContain(slice(item.span));
    },
  },
  {
    line: "/help",
    type: "ephemeral",
    check: (ack) => expect(visibleText(ack)).toContain("/quote [topic] [speaker] [article] [private]"),
  },
];

describe("Slack HTTP mode under load", () => {
  it(`answers ${TOTAL} commands at concurrency ${CONCURRENCY}, each once, correctly, within ${burstDeadlineMs.toLocaleString("en-US")} ms`, async () => {
    const answers: { case: (typeof CASES)[number]; answer: CommandAnswer }[] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < TOTAL; i = next++) {
        const c = CASES[i % CASES.length] ?? CASES[0];
        if (!c) return;
        answers.push({ case: c, answer: await running.slack.command(c.line, { user_id: `U${i}` }) });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(answers).toHaveLength(TOTAL);
    const late = answers.filter((a) => a.answer.elapsedMs >= burstDeadlineMs);
    expect(late.map((a) => a.answer.elapsedMs)).toEqual([]);
    for (const { case: c, answer } of answers) {
      expect(answer.status).toBe(200);
      expect(answer.ack?.response_type).toBe(c.type);
      c.check(answer.ack ?? {});
    }
    // Once each: one ack per command and nothing else sent to Slack.
    const { api } = running.fake;
    expect(new Set(answers.map((a) => a.answer.responseUrl)).size).toBe(TOTAL);
    expect(api.calls.filter((c) => c.method !== "auth.test").map((c) => c.method)).toEqual(
      Array(TOTAL).fill("ack"),
    );
    expect(api.problems).toEqual([]);
    expect(running.bot.logs.filter((l) => Number(l.level) >= 40)).toEqual([]);
  }, 60_000);
});
