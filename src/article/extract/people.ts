/**
 * The people an added article names, found with compromise's person tagger, as the Person list
 * (name and aliases) that the attribution rule in src/article/quotes.ts takes. Only the text
 * outside quotation marks is read: a name inside a quote is not a speaker. A person is a name of at
 * least two capitalised words ("Jennifer Mattinson"); a lone word compromise calls a person
 * ("Roman", "January") counts only as the first or last name of one of those. Titles in front
 * ("President", "chief inspector") are kept as "the president" aliases, so the title can refer back.
 */
import nlp from "compromise/two";
import type { Person } from "../mentions.js";

// Words that stand before a name as a title or honorific, never as part of it.
const TITLES = new Set(
  "mr mrs ms miss dr prof professor sir dame lord lady president vice prime minister general attorney attorney-general commissioner governor gov senator sen rep representative mayor judge justice chief inspector detective sergeant sgt officer captain capt colonel col secretary chancellor king queen prince princess pope father rev reverend bishop ambassador director leader opposition spokesman spokeswoman spokesperson chairman chairwoman chair ceo founder coach deputy superintendent sheriff councillor councilman councilwoman".split(
    " ",
  ),
);
const REFERRING_TITLES = new Set([
  "president",
  "prime minister",
  "mayor",
  "governor",
  "senator",
  "chancellor",
  "attorney general",
  "minister",
  "commissioner",
  "secretary",
  "judge",
]);
const NAME = "(#ProperNoun && !#Organization && !#Place)";
const CAPITALISED = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;
const INITIAL = /^\p{Lu}\.$/u;

/** The people named in `passages` (text outside quotation marks, where speakers are named). */
export function findPeople(passages: readonly string[]): Person[] {
  const doc = nlp(passages.join("\n\n"));
  const found = new Map<string, { tokens: string[]; titles: Set<string> }>();
  // compromise knows common names; a rarer one ("Lotfi Azzouz") is a proper name beside a
  // reporting verb that compromise does not take for an organisation or a place.
  const slots = [
    `(said|says|told|added) [${NAME} ${NAME}+]`,
    `[${NAME} ${NAME}+] (said|says|told|added)`,
  ].flatMap((m) => doc.match(m, 0).out("array") as string[]);
  for (const raw of [...people(doc), ...slots.map((s) => s.split(",")[0] ?? "")]) {
    const parsed = parseName(raw);
    if (!parsed) continue;
    const key = parsed.tokens.join(" ");
    const entry = found.get(key) ?? { tokens: parsed.tokens, titles: new Set<string>() };
    if (parsed.title) entry.titles.add(parsed.title);
    found.set(key, entry);
  }
  // A lone word is a person when a title says so ("President Obama"), or when it is the first or
  // last name of someone named in full.
  const full = [...found.values()].filter((p) => p.tokens.length >= 2);
  const lastNames = new Set(full.map((p) => p.tokens.at(-1)));
  for (const lone of found.values())
    if (lone.tokens.length === 1 && lone.titles.size > 0 && !lastNames.has(lone.tokens[0])) full.push(lone);
  // A lone name's titles ("Mr Obama", "President Obama") belong to the full name it shortens.
  for (const [key, lone] of found)
    if (lone.tokens.length === 1)
      for (const p of full)
        if (p.tokens.at(-1) === key || p.tokens[0] === key) for (const t of lone.titles) p.titles.add(t);

  return full.map((p) => {
    const first = p.tokens[0] as string;
    const last = p.tokens.at(-1) as string;
    // A first name alone names someone only where compromise itself took it for a person
    // ("her mother, Fiona, said"); "Bill" in "the British Bill" is not Bill Shorten.
    const firstAlone = p.tokens.length > 1 && found.get(first)?.tokens.length === 1 ? [first] : [];
    const titles = [...p.titles].filter((t) => REFERRING_TITLES.has(t));
    return {
      name: p.tokens.join(" "),
      aliases: [last, ...firstAlone, ...titles.flatMap((t) => [`the ${t}`, `The ${t}`])].filter(
        (a) => !INITIAL.test(a),
      ),
    };
  });
}

/**
 * compromise's own `people()` (src/3-three/topics/people/find.js; `ifNo` is its `notIf`), run on its tagger alone
 * (compromise/two): the full build also chunks every sentence into phrases on each parse, a
 * tenth of the parse's cost that names do not use. The tags, and so the names, are the same.
 */
function people(doc: ReturnType<typeof nlp>): string[] {
  const m = doc.splitAfter("@hasComma").match("#Honorific+? #Person+");
  // "Spencer's King": a possessive ends one name ("his" and "her" do not).
  return m.splitAfter(m.match("#Possessive").ifNo("(his|her)")).out("array") as string[];
}

/** "President Barack Obama," → Barack Obama, titled "president"; undefined if no name is left. */
function parseName(raw: string): { tokens: string[]; title?: string } | undefined {
  const tokens = raw
    .replace(/\([^)]*\)/gu, " ")
    .split(/\s+/u)
    .map((t) => t.replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, "").replace(/['’]s$/u, ""))
    .map((t) => (INITIAL.test(t) ? t : t.replace(/\.+$/u, "")))
    .filter((t) => t !== "");
  const title: string[] = [];
  while (
    tokens.length > 0 &&
    (TITLES.has(tokens[0]?.toLowerCase().replace(/\.$/u, "") ?? "") || !CAPITALISED.test(tokens[0] ?? ""))
  )
    title.push((tokens.shift() as string).toLowerCase().replace(/\.$/u, ""));
  while (tokens.length > 0 && !CAPITALISED.test(tokens.at(-1) ?? "")) tokens.pop();
  if (tokens.length === 0 || tokens.some((t) => !CAPITALISED.test(t))) return undefined;
  const named = title.filter((t) => TITLES.has(t)).join(" ");
  return named ? { tokens, title: named } : { tokens };
}
