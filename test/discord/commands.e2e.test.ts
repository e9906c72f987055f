import { describe, expect, it } from "vitest";
import { article } from "../support/article.js";
import { embedsOf, isEphemeral, quotesShown, shownText, useHarness } from "../support/discord.js";

const h = useHarness();

describe("the Discord adapter, through discord.js, against a fake Discord", () => {
  it("connects with the Guilds intent only, speaking gateway v10 JSON", () => {
    const [connection] = h.fake.gateway.connections;
    expect(connection?.query).toEqual({ v: "10", encoding: "json" });
    expect(connection?.identify?.intents).toBe(1);
  });

  it.each<Record<string, string>>([{}, { length: "short" }])(
    "/summary %j answers publicly with the summary card",
    async (options) => {
      const r = await h.fake.interact({ command: "summary", options }).answered();
      expect(r.response?.type).toBe(4);
      expect(isEphemeral(r)).toBe(false);
      const [embed] = embedsOf(r);
      expect(embed?.title).toBe(`Summary: ${article.title}`);
      expect(embed?.footer?.text).toContain("Source: the article, as reported by");
      expect(r.response?.data?.allowed_mentions).toEqual({ parse: [] });
    },
  );

  it("/summary length:full private:true answers only the member, with both halves", async () => {
    const r = await h.fake
      .interact({ command: "summary", options: { length: "full", private: true } })
      .answered();
    expect(isEphemeral(r)).toBe(true);
    expect(shownText(r)).toContain(`What ${article.speaker.name} announced`);
    expect(shownText(r)).toContain("What the article’s author argues");
  });

  it("/quote with no topic lists every passage", async () => {
    const r = await h.fake.interact({ command: "quote" }).answered();
    expect(shownText(r)).toContain(`${article.quotes.length} quoted passages`);
  });

  it("/quote topic:grants quotes Sessions exactly, as a block quote with where it comes from", async () => {
    const r = await h.fake.interact({ command: "quote", options: { topic: "grants" } }).answered();
    expect(isEphemeral(r)).toBe(false);
    const quotes = quotesShown(r);
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes)
      expect(article.quotes.map((x) => article.text.slice(x.start, x.end))).toContain(q);
    expect(shownText(r)).toMatch(
      /— Jeff Sessions, .* · passage \d of \d, ¶\d+\nReported in ¶9, after the quote: /u,
    );
  });

  it("/quote topic:grants private:true is ephemeral", async () => {
    const r = await h.fake
      .interact({ command: "quote", options: { topic: "grants", private: true } })
      .answered();
    expect(isEphemeral(r)).toBe(true);
  });

  it("/quote with a topic he never speaks to says so, privately", async () => {
    const r = await h.fake.interact({ command: "quote", options: { topic: "pizza" } }).answered();
    expect(isEphemeral(r)).toBe(true);
    expect(shownText(r)).toContain("No matching quote");
  });

  it("/penalties, public and private", async () => {
    const open = await h.fake.interact({ command: "penalties" }).answered();
    expect(isEphemeral(open)).toBe(false);
    for (const item of article.penalties.items)
      expect(shownText(open)).toContain(article.text.slice(item.span.start, item.span.end));
    const hidden = await h.fake.interact({ command: "penalties", options: { private: true } }).answered();
    expect(isEphemeral(hidden)).toBe(true);
  });

  it("/help lists every command, privately", async () => {
    const r = await h.fake.interact({ command: "help" }).answered();
    expect(isEphemeral(r)).toBe(true);
    for (const name of ["/summary", "/quote", "/penalties", "/article post", "/help"])
      expect(shownText(r)).toContain(name);
  });

  it("a topic with @everyone and <@123> shows literally and pings no one", async () => {
    const topic = "@everyone <@123> @here";
    const r = await h.fake.interact({ command: "quote", options: { topic } }).answered();
    expect(r.response?.data?.allowed_mentions).toEqual({ parse: [] });
    const raw = JSON.stringify(r.response?.data?.embeds);
    expect(raw).not.toMatch(/(?<!\\\\)@everyone|(?<!\\\\)<@123>|(?<!\\\\)@here/u);
    expect(shownText(r)).toContain(`“${topic}”`);
  });

  it("autocompletes /quote topic: as the member types, from the same search", async () => {
    const typed = await h.fake
      .interact({ command: "quote", options: { topic: "gra" }, focused: "topic" })
      .answered();
    const choices = typed.response?.data?.choices as { name: string; value: string }[];
    expect(typed.response?.type).toBe(8);
    expect(choices.map((c) => c.value)).toContain("grants");
    const empty = await h.fake
      .interact({ command: "quote", options: { topic: "" }, focused: "topic" })
      .answered();
    const all = empty.response?.data?.choices as { name: string; value: string }[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThanOrEqual(25);
    for (const c of all) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it("answers every interaction exactly once", () => {
    expect([...h.fake.interactions.values()].every((r) => r.callbacks === 1)).toBe(true);
  });
});
