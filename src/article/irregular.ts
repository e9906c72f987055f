/**
 * English nouns whose plural the stemmer cannot bring back to the singular ("children" stays
 * "children", "criteria" stays "criteria"), from the `irregular-plurals` package's data (some 290
 * pairs): a member's "children" still finds where he says "child", and "child" where he says
 * "children". Loaded on the first word that needs it, so start-up never pays for it: the search is
 * synchronous and the package is an ES module only, so that lazy load reads its JSON file.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let forms: Map<string, string[]> | undefined;

/** The other forms of `word` (its singular, or its plurals), when English forms it irregularly. */
export function irregularForms(word: string): readonly string[] {
  forms ??= load();
  return forms.get(word) ?? [];
}

function load(): Map<string, string[]> {
  const entry = createRequire(import.meta.url).resolve("irregular-plurals");
  const pairs = JSON.parse(readFileSync(join(dirname(entry), "irregular-plurals.json"), "utf8")) as Record<
    string,
    string
  >;
  const map = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const known = map.get(from);
    if (!known) map.set(from, [to]);
    else if (!known.includes(to)) known.push(to);
  };
  for (const [singular, plural] of Object.entries(pairs))
    if (singular !== plural) {
      add(plural, singular);
      add(singular, plural);
    }
  return map;
}
