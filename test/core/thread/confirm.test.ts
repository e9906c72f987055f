import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../../src/core/parse-text.js";
import type { ThreadPlan } from "../../../src/core/reply.js";
import {
  Confirmations,
  confirmSettings,
  type Decision,
  LocalPendingPosts,
} from "../../../src/core/thread/confirm.js";
import { previewText } from "../../../src/core/thread/confirm-words.js";
import { commands, run } from "../../support/article.js";
import { ManualClock } from "../../support/clock.js";

const plan = run("article", {}, { subcommand: "post" }) as ThreadPlan;
const mod = { id: "U1", name: "mod" };

function setup(ttlMs = 60_000) {
  const clock = new ManualClock();
  const decisions: [Decision, string][] = [];
  const pending = new LocalPendingPosts(3);
  const settings = confirmSettings({
    clock,
    ttlMs,
    pending,
    onDecision: (decision, who) => decisions.push([decision, who.id]),
  });
  return { clock, decisions, pending, confirmations: new Confirmations<string>(settings, "test") };
}

describe("the pending-confirmation registry", () => {
  it("gives the entry to its owner once: a second press, or Cancel after Post, finds it taken", async () => {
    const { confirmations, decisions } = setup();
    const { id } = await confirmations.ask({ plan, owner: mod, target: "here" });
    const first = await confirmations.decide(id, "U1", "confirmed");
    expect(first).toMatchObject({ kind: "taken", entry: { plan, owner: mod, target: "here" } });
    expect(await confirmations.decide(id, "U1", "confirmed")).toEqual({ kind: "alreadyTaken" });
    expect(await confirmations.decide(id, "U1", "cancelled")).toEqual({ kind: "alreadyTaken" });
    expect(decisions).toEqual([
      ["asked", "U1"],
      ["confirmed", "U1"],
    ]);
  });

  it("lets exactly one of two racing presses through", async () => {
    const { confirmations } = setup();
    const { id } = await confirmations.ask({ plan, owner: mod, target: "here" });
    const results = await Promise.all([
      confirmations.decide(id, "U1", "confirmed"),
      confirmations.decide(id, "U1", "cancelled"),
      confirmations.decide(id, "U1", "confirmed"),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(["alreadyTaken", "alreadyTaken", "taken"]);
  });

  it("refuses someone else and keeps the entry for its owner", async () => {
    const { confirmations, decisions } = setup();
    const { id } = await confirmations.ask({ plan, owner: mod, target: "here" });
    expect(await confirmations.decide(id, "U2", "confirmed")).toEqual({ kind: "notOwner", owner: mod });
    expect((await confirmations.decide(id, "U1", "cancelled")).kind).toBe("taken");
    expect(decisions.map(([d]) => d)).toEqual(["asked", "cancelled"]);
  });

  it("expires after the TTL, and tells the adapter once so it can edit the preview", async () => {
    const { confirmations, clock } = setup(1_000);
    const expired: string[] = [];
    const { id, expires } = await confirmations.ask({ plan, owner: mod, target: "here" }, (t) =>
      expired.push(t),
    );
    expect(expires).toBe(clock.now() + 1_000);
    clock.advance(999);
    expect(expired).toEqual([]);
    clock.advance(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(expired).toEqual(["here"]);
    expect(await confirmations.decide(id, "U1", "confirmed")).toEqual({ kind: "expired" });
  });

  it("a press at the deadline is expired even before the timer ran, and a taken entry never expires", async () => {
    const { confirmations, clock } = setup(1_000);
    const expired: string[] = [];
    const late = await confirmations.ask({ plan, owner: mod, target: "late" });
    const used = await confirmations.ask({ plan, owner: mod, target: "used" }, (t) => expired.push(t));
    await confirmations.decide(used.id, "U1", "confirmed");
    clock.advance(1_000);
    await Promise.resolve();
    expect(await confirmations.decide(late.id, "U1", "confirmed")).toEqual({ kind: "expired" });
    expect(expired).toEqual([]);
  });

  it("stays bounded: beyond its size the oldest are forgotten, and pressing one says expired", async () => {
    const { confirmations, pending } = setup();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await confirmations.ask({ plan, owner: mod, target: `${i}` })).id);
    expect(pending.size).toBe(3);
    expect(await confirmations.decide(ids[0] ?? "", "U1", "confirmed")).toEqual({ kind: "expired" });
    expect((await confirmations.decide(ids[4] ?? "", "U1", "confirmed")).kind).toBe("taken");
    expect(await confirmations.decide("no-such-id", "U1", "confirmed")).toEqual({ kind: "expired" });
  });

  it("close() cancels the expiry edits", async () => {
    const { confirmations, clock } = setup(1_000);
    await confirmations.ask({ plan, owner: mod, target: "here" }, () => {
      throw new Error("must not run after close");
    });
    expect(clock.waiting).toBe(1);
    confirmations.close();
    expect(clock.waiting).toBe(0);
  });
});

describe("asking for no preview", () => {
  it("confirm:false and confirm=false in text, a boolean on Discord; the plan says so, default true", () => {
    for (const line of ["/article post confirm:false", "/article post confirm=false #news Read along"]) {
      const parsed = parseCommandLine(line, commands);
      expect(parsed).toMatchObject({ ok: true, options: { confirm: false } });
    }
    expect((run("article", { confirm: false }, { subcommand: "post" }) as ThreadPlan).confirm).toBe(false);
    expect(plan.confirm).toBe(true);
    expect(JSON.stringify(run("article", { confirm: "maybe" }, { subcommand: "post" }))).toContain(
      "“confirm” must be true or false (default true)",
    );
  });

  it("says how long the buttons work, never longer than they do", () => {
    const words = (ttlMs: number) => previewText({ title: "T", where: "#x", messages: 3, ttlMs });
    expect(words(15 * 60_000)).toContain("work for 15 minutes");
    expect(words(14.5 * 60_000)).toContain("work for 14 minutes");
    expect(words(1_000)).toContain("work for 1 minute;");
  });
});
