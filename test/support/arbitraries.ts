import fc from "fast-check";

/** Hostile chat text: any Unicode (lone surrogates included), markup, mentions, control and bidi characters. */
const nasty = fc.constantFrom(
  "@everyone",
  "@here",
  "<@123>",
  "<@&456>",
  "<#789>",
  "<!channel>",
  "<!here>",
  "<@U1>",
  "**bold**",
  "__u__",
  "~~s~~",
  "`code`",
  "```",
  "> quote",
  "||spoiler||",
  "*b*",
  "_i_",
  "&amp;",
  "&lt;",
  "<https://x.test|link>",
  "\u200b",
  "\u200d",
  "\u202e",
  "\u2066",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\r\n",
  "\t",
  "\ud800",
  "\udfff",
  "👍🏽",
  "👨‍👩‍👧",
  "grants",
  "claw back",
  "1373",
  "private",
  "full",
  "#news",
  "topic:",
  " ",
);

export const hostileText = (maxLength = 10_000): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength: 200 }),
    fc
      .array(fc.oneof(nasty, fc.string({ unit: "grapheme", maxLength: 20 })), { maxLength: 60 })
      .map((a) => a.join("")),
    fc.string({ unit: "binary", minLength: maxLength - 100, maxLength }),
    fc.constant(""),
  );

/** Raw option values as any platform might hand them over, for every command that takes options. */
export const commandWithRawOptions = (): fc.Arbitrary<{
  command: string;
  subcommand: string | undefined;
  options: Record<string, unknown>;
}> =>
  fc
    .record({
      command: fc.constantFrom("summary", "quote", "penalties", "article"),
      options: fc.dictionary(
        fc.constantFrom("topic", "speaker", "article", "length", "private", "full", "channel", "title", "x"),
        fc.oneof(hostileText(), fc.boolean(), fc.integer(), fc.constant(null)),
      ),
    })
    .map(({ command, options }) => ({
      command,
      subcommand: command === "article" ? "post" : undefined,
      options,
    }));

// A failing property is shrunk; on 10,000-character inputs that can run for minutes, so cap it and fail.
export const RUNS = { numRuns: 1_000, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true };
