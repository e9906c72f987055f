import { describe, expect, it } from "vitest";
import { commandPayloads, diff } from "../../src/adapters/discord/register.js";
import { VALIDATORS } from "../fakes/discord/validate.js";
import { commands } from "../support/article.js";

const payloads = commandPayloads(commands);
const byName = (name: string) => payloads.find((p) => p.name === name);
const MANAGE_THREADS = (1n << 34n).toString();

describe("Discord command registration from the command definitions", () => {
  it("passes Discord's published schema for a bulk overwrite", () => {
    const validate = VALIDATORS["PUT /applications/:application/guilds/:guild/commands"];
    expect(validate?.(payloads, { noMentions: true })).toEqual([]);
  });

  it("registers each command once, the /article ones as subcommands", () => {
    expect(payloads.map((p) => p.name)).toEqual(["summary", "quote", "penalties", "article", "help"]);
    expect(byName("article")?.options).toEqual([
      expect.objectContaining({ type: 1, name: "post", options: expect.any(Array) }),
      expect.objectContaining({ type: 1, name: "list", options: [] }),
      expect.objectContaining({
        type: 1,
        name: "use",
        options: [expect.objectContaining({ name: "name", type: 3, required: true, max_length: 40 })],
      }),
      expect.objectContaining({
        type: 1,
        name: "add",
        options: [expect.objectContaining({ name: "url", type: 3, required: true, max_length: 2_000 })],
      }),
      expect.objectContaining({ type: 1, name: "history", options: [] }),
    ]);
  });

  it("types options by kind: choice, flag, autocompleted text, text channels", () => {
    expect(byName("summary")?.options).toEqual([
      expect.objectContaining({
        name: "length",
        type: 3,
        choices: [
          { name: "short", value: "short" },
          { name: "full", value: "full" },
        ],
      }),
      // Which article: its short name; the integrator's library answers its autocomplete.
      expect.objectContaining({ name: "article", type: 3, max_length: 40, required: false }),
      expect.objectContaining({ name: "private", type: 5, required: false }),
    ]);
    expect(byName("quote")?.options?.[0]).toEqual(
      expect.objectContaining({ name: "topic", type: 3, max_length: 100, autocomplete: true }),
    );
    const post = byName("article")?.options?.[0] as { options: unknown[] };
    expect(post.options).toEqual([
      expect.objectContaining({ name: "channel", type: 7, channel_types: [0, 5] }),
      expect.objectContaining({ name: "title", type: 3, max_length: 100 }),
      expect.objectContaining({ name: "article", type: 3, max_length: 40 }),
      // full:true posts an added article's whole text (only through the preview).
      expect.objectContaining({ name: "full", type: 5, required: false }),
      // confirm:false skips the preview (a boolean: absent means true, the preview).
      expect.objectContaining({ name: "confirm", type: 5, required: false }),
    ]);
  });

  it("hides moderator commands from members by default (Manage Threads), in servers only", () => {
    expect(byName("article")?.default_member_permissions).toBe(MANAGE_THREADS);
    for (const name of ["summary", "quote", "penalties", "help"])
      expect(byName(name)?.default_member_permissions).toBeNull();
    for (const p of payloads) expect(p.contexts).toEqual([0]);
  });
});

describe("comparing registered commands with the definitions", () => {
  // What Discord echoes back: ids and versions added, `required: false` and defaults left out.
  const echoed = payloads.map((p, i) => ({
    ...JSON.parse(JSON.stringify(p, (k, v) => (k === "required" && v === false ? undefined : v))),
    id: String(i + 1),
    application_id: "1",
    version: "1",
    nsfw: false,
  }));

  it("finds nothing to do when Discord already matches", () => {
    expect(diff(echoed, payloads)).toEqual({
      created: [],
      changed: [],
      removed: [],
      unchanged: payloads.map((p) => p.name),
    });
  });

  it("names what was created, changed (and how) and removed", () => {
    const existing = [
      ...echoed
        .filter((c) => c.name !== "help")
        .map((c) => (c.name === "quote" ? { ...c, description: "old" } : c)),
      { ...echoed[0], id: "99", name: "old-command" },
    ];
    const result = diff(existing, payloads);
    expect(result.created).toEqual(["help"]);
    expect(result.changed).toEqual([{ name: "quote", fields: ["description"] }]);
    expect(result.removed).toEqual(["old-command"]);
  });
});
