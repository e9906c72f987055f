import pino from "pino";
import { describe, expect, it } from "vitest";
import { type AdapterDefinition, defineAdapter, type RunningAdapter } from "../../src/adapters/contract.js";
import { configure, startEnabled } from "../../src/adapters/registry.js";
import { answer, type Bot, createBot } from "../../src/core/answer.js";
import { commandPath } from "../../src/core/command.js";
import { parseCommandLine } from "../../src/core/parse-text.js";
import { errorReply } from "../../src/core/reply.js";
import { describeReport, type ReportWords } from "../../src/core/thread/describe.js";
import { postThread } from "../../src/core/thread/post.js";
import type { PartLabel, ThreadSink } from "../../src/core/thread/sink.js";
import { renderText } from "../../src/render/plain-text.js";
import { article, commands } from "../support/article.js";
import { testHost } from "../support/host.js";

/**
 * A fourth platform, added through the adapter contract alone (src/adapters/contract.ts): a
 * definition with its own settings from the environment, started by the registry as main.ts
 * starts Discord and Slack, answering every command in plain text, and posting threads through the
 * core's thread poster with its own small sink. If this works, adding a platform needs nothing
 * outside its folder and a registry line.
 */
interface Room {
  /** Threads by title: the text of each part posted. */
  threads: Map<string, string[]>;
  say?: (user: string, text: string) => Promise<string>;
}

function memoryAdapter(room: Room): AdapterDefinition<{ moderators: string[] }> {
  return defineAdapter({
    name: "memory",
    settings: (env) =>
      env.MEMORY_MODERATORS === undefined ? undefined : { moderators: env.MEMORY_MODERATORS.split(",") },
    secrets: () => [],
    load: async () => ({
      async start(bot, settings): Promise<RunningAdapter> {
        let state: "ready" | "stopped" = "ready";
        room.say = async (user, text) => {
          const parsed = parseCommandLine(text, bot.commands);
          if (!parsed.ok) return renderText(errorReply(parsed.error), bot.article, { styled: false });
          const outcome = await answer(bot, {
            ...parsed,
            user: { id: user },
            platform: "memory",
            isModerator: () => settings.moderators.includes(user),
          });
          if (outcome.kind === "message") return renderText(outcome, bot.article, { styled: false });
          return postInRoom(bot, room, outcome.threadTitle, [
            renderText(outcome.header, bot.article, { styled: false }),
            ...outcome.body.map((p) => bot.article.text.slice(p.start, p.end)),
            outcome.closing,
          ]);
        };
        return {
          name: "memory",
          health: () => ({ state }),
          async stop() {
            state = "stopped";
          },
        };
      },
    }),
  });
}

async function postInRoom(bot: Bot, room: Room, title: string, texts: string[]): Promise<string> {
  const article = texts.length - 2;
  const parts: PartLabel[] = texts.map((_, i) =>
    i === 0
      ? { kind: "header", index: 1, count: 1 }
      : i <= article
        ? { kind: "article", index: i, count: article }
        : { kind: "closing", index: 1, count: 1 },
  );
  const sink: ThreadSink<string> = {
    parts,
    existing: async () => (room.threads.has(title) ? title : undefined),
    open: async () => {
      room.threads.set(title, []);
      return { thread: title, posted: [], adopted: false };
    },
    present: async (t) => ({
      present: new Set(texts.flatMap((text, i) => (room.threads.get(t)?.includes(text) ? [i] : []))),
      complete: true,
    }),
    post: async (t, i) => {
      room.threads.get(t)?.push(texts[i] ?? "");
    },
  };
  const words: ReportWords<string> = {
    thread: (t) => `“${t}”`,
    target: "the room",
    title,
    platform: "Memory",
    reason: (e) => String(e),
    rerun: (t) => `run /article post in ${t ?? "the room"}`,
    fix: () => undefined,
  };
  const report = await postThread({
    sink,
    signal: new AbortController().signal,
    log: bot.log,
    errorFields: (e) => ({ message: String(e) }),
    threadFields: (t) => ({ thread: t }),
  });
  return describeReport(report, words);
}

describe("a fourth adapter, through the contract alone", () => {
  it("is configured from its own variables, started by the registry, and answers every command", async () => {
    const room: Room = { threads: new Map() };
    const definition = memoryAdapter(room);
    const config = configure({ MEMORY_MODERATORS: "mod" }, [definition as AdapterDefinition<never>]);
    expect(config.enabled.map((e) => e.definition.name)).toEqual(["memory"]);
    expect(configure({}, [definition as AdapterDefinition<never>]).enabled).toEqual([]);

    const bot = createBot({ article, commands, log: pino({ level: "silent" }) });
    const running: RunningAdapter[] = [];
    await startEnabled(config.enabled, bot, running, testHost().state);
    expect(running.map((a) => [a.name, a.health().state])).toEqual([["memory", "ready"]]);
    const say = room.say ?? (() => Promise.reject(new Error("not started")));

    // Every example of every command, as a member and as a moderator.
    for (const command of commands)
      for (const example of command.examples) {
        const asMember = await say("member", example);
        if (command.access === "moderator")
          expect(asMember).toBe(`Only moderators can run /${commandPath(command)}. Nothing was posted.`);
        else expect(asMember.length).toBeGreaterThan(20);
      }
    expect(await say("member", "/quote grants")).toContain(
      article.text.slice(article.quotes[2]?.start, article.quotes[2]?.end),
    );

    // A thread through the core's poster: the whole article, once, and a re-run posts nothing.
    expect(await say("mod", "/article post")).toBe(
      `Posted the header, the article (${article.paragraphs.length} messages) and the closing line: ${article.paragraphs.length + 2} messages. The thread: “${article.title}”`,
    );
    const posted = room.threads.get(article.title) ?? [];
    expect(posted.slice(1, -1).join("\n\n")).toBe(article.text.trimEnd());
    expect(await say("mod", "/article post")).toMatch(
      /^Everything is already in “.+”: .*Nothing was posted\.$/u,
    );
    expect(room.threads.get(article.title)).toHaveLength(posted.length);

    await Promise.all(running.map((a) => a.stop()));
    expect(running[0]?.health().state).toBe("stopped");
  });
});
