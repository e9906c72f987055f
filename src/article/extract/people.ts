/**
 * The people an added article names, found with compromise's person tagger, as the Person list
 * (name and aliases) that the attribution rule in src/article/quotes.ts takes. Only the text
 * outside quotation marks is read: a name inside a quote is not a speaker. A person is a name of at
 * least two capitalised words ("Jennifer Mattinson"); a lone word compromise calls a person
 * ("Roman", "January") counts only as the first or last name of one of those. Titles in front
 * ("President", "chief inspector") are kept as "the president" aliases, so the title can refer back.
 */

import type { Person } from "../mentions.js";
import type { Span } from "../span.js";
import { fasterSweep } from "./compromise-sweep.js";
import { CAPITALISED, INITIAL, isTitle, nameToken, nameWindows, TITLES } from "./name-windows.js";
import { nlp } from "./nlp.js";

nlp.plugin(fasterSweep);

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

type Found = Map<string, { tokens: string[]; titles: Set<string> }>;

/**
 * The people named in `text` (the article with its quotations blanked out: a name inside a quote
 * is not a speaker), read by compromise in the windows around its capitalised runs
 * (name-windows.ts) of `units` (its sentences, and its headings whole).
 */
export function findPeople(text: string, units: readonly Span[]): Person[] {
  const found: Found = new Map();
  const windows = nameWindows(text, units);
  namesIn(windows, found);
  // A first name said alone ("her mother, Fiona, said") is read where it stands, for the people
  // named in full.
  const firsts = new Set(
    [...found.values()].filter((p) => p.tokens.length >= 2).map((p) => p.tokens[0] as string),
  );
  if (firsts.size > 0) namesIn(nameWindows(text, units, firsts, new Set(windows)), found);
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

/** The names compromise finds in `windows` (each read as a sentence of its own), into `found`. */
function namesIn(windows: readonly string[], found: Found): void {
  if (windows.length === 0) return;
  const doc = nlp(windows.join("\n"));
  // compromise's match cache: the matches below skip the windows that cannot hold them.
  doc.cache();
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
    .map(nameToken)
    .filter((t) => t !== "");
  const title: string[] = [];
  while (tokens.length > 0 && (isTitle(tokens[0] ?? "") || !CAPITALISED.test(tokens[0] ?? "")))
    title.push((tokens.shift() as string).toLowerCase().replace(/\.$/u, ""));
  while (tokens.length > 0 && !CAPITALISED.test(tokens.at(-1) ?? "")) tokens.pop();
  if (tokens.length === 0 || tokens.some((t) => !CAPITALISED.test(t))) return undefined;
  const named = title.filter((t) => TITLES.has(t)).join(" ");
  return named ? { tokens, title: named } : { tokens };
}
