/**
 * Words a member might type for a word the speaker used, from WordNet: synonyms (same synset),
 * derivations (compliant → compliance) and more general words (homicide → murder). Derived only
 * toward the words of the quotes, so a query word either leads to a word he said or to nothing.
 * Runs when an article loads without a current cache (see related-cache.ts); never per query.
 */
import { stemmer } from "stemmer";
import { POSES, type Pointer, type Pos, type Synset, WordNet } from "./wordnet.js";

export type Relation = "synonym" | "related";

/** Query key (stems joined by spaces) → article stems it stands for, with how they relate. */
export type RelatedMap = Record<string, [stem: string, relation: Relation][]>;

/** Senses of an article word worth following: WordNet lists the most frequent first. */
const ARTICLE_SENSES = 3;
/** A query word's sense must be among its first few, so a rare sense of a common word leads nowhere. */
const QUERY_SENSES = 3;
/** Hypernyms this close to WordNet's roots ("entity", "act", "abstraction") say nothing. */
const MIN_DEPTH = 5;
const MAX_KINDS = 40;
const kinds = (synset: Synset) => synset.pointers.filter((p) => p.symbol === "~").length;

/** Related words for `words` (the normalised words of the quotes) and their stems. */
export function deriveRelated(words: Iterable<string>, wordnet = new WordNet()): RelatedMap {
  // The same lemmas, senses and hypernym chains come up again and again: each is worked out once.
  const stems = new Map<string, string>();
  const stemOf = (phrase: string) => once(stems, phrase, () => stemKey(phrase));
  const article = new Map<string, string>();
  for (const word of words) if (/^\p{L}[\p{L}' -]*$/u.test(word)) article.set(word, stemOf(word));
  const articleStems = new Set(article.values());
  const found = new Map<string, Map<string, Relation>>();
  const add = (lemma: string, target: string, relation: Relation) => {
    const key = stemOf(lemma);
    if (key === "" || key === target || articleStems.has(key) || !/^[a-z][a-z' -]*$/u.test(lemma)) return;
    const targets = found.get(key) ?? new Map<string, Relation>();
    if (targets.get(target) !== "synonym") targets.set(target, relation);
    found.set(key, targets);
  };
  const senses = new Map<string, boolean>();
  const querySense = (lemma: string, synset: Synset) =>
    once(senses, `${synset.pos}${synset.offset} ${lemma}`, () => {
      const { offsets, tagged } = wordnet.entry(lemma, synset.pos);
      const rank = offsets.indexOf(synset.offset);
      return rank >= 0 && rank < common(tagged, QUERY_SENSES);
    });
  // The words of a synset a member would mean by it: looked at once per synset, not per article word.
  const meant = new Map<Synset, string[]>();
  const meantWords = (synset: Synset) =>
    once(meant, synset, () => synset.words.filter((w) => querySense(w, synset)));
  const depths = new Map<Synset, number>();
  const depthOf = (synset: Synset) => once(depths, synset, () => depth(synset, wordnet));

  try {
    for (const [word, target] of article) {
      for (const [lemma, pos] of lemmasOf(word, wordnet)) {
        const { offsets, tagged } = wordnet.entry(lemma, pos);
        offsets.slice(0, common(tagged, ARTICLE_SENSES)).forEach((offset, sense) => {
          const synset = wordnet.synset(offset, pos);
          const self = synset.words.indexOf(lemma.replace(/_/gu, " ")) + 1;
          for (const synonym of meantWords(synset)) add(synonym, target, "synonym");
          for (const p of synset.pointers) {
            // A derivation links one word of a synset to one word of another.
            if (p.symbol === "+" && (p.source === 0 || p.source === self)) {
              const other = wordnet.synset(p.offset, p.pos);
              const derived = other.words[p.target - 1];
              if (derived && querySense(derived, other))
                for (const w of meantWords(other)) add(w, target, "related");
            }
            // Or a more specific one ("narcotics" for drugs), from the noun's most frequent sense only.
            // A concept with very many kinds ("person") is too general to stand for each of them.
            if (p.symbol === "~" && sense === 0 && pos === "n" && kinds(synset) <= MAX_KINDS) {
              const specific = wordnet.synset(p.offset, p.pos);
              for (const w of meantWords(specific)) add(w, target, "related");
            }
            // A member who types a more general word ("homicide") means the specific one ("murder").
            if ((p.symbol === "@" || p.symbol === "@i") && sense < 2) {
              const general = wordnet.synset(p.offset, p.pos);
              // Two steps up from the most frequent sense: murder → homicide → killing.
              const up = sense === 0 ? general.pointers.filter((q) => q.symbol === "@") : [];
              for (const g of [general, ...up.map((q) => wordnet.synset(q.offset, q.pos))]) {
                if (depthOf(g) < MIN_DEPTH) continue;
                for (const w of meantWords(g)) add(w, target, "related");
              }
            }
          }
        });
      }
    }
  } finally {
    wordnet.close();
  }
  const map: RelatedMap = {};
  for (const key of [...found.keys()].sort()) map[key] = [...(found.get(key) ?? [])];
  return map;
}

/** The cached value for `key`, made the first time it is asked for. */
function once<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  cache.set(key, value);
  return value;
}

/** The stems of a word or phrase, joined by spaces: how queries are looked up. */
export function stemKey(phrase: string): string {
  return phrase
    .toLowerCase()
    .split(/[\s_-]+/u)
    .filter((w) => w !== "")
    .map((w) => stemmer(w))
    .join(" ");
}

/**
 * How many senses of a word to trust: those seen in WordNet's tagged corpus, at most `limit`, and
 * the first one even for a word too rare to have been seen.
 */
const common = (tagged: number, limit: number) => Math.max(1, Math.min(tagged, limit));

/** Inflections, and the parts of speech the stripped form can then be ("refusing" → refuse, verb). */
const ENDINGS: [RegExp, string, Pos[]][] = [
  [/ies$/u, "y", ["n", "v"]],
  [/es$/u, "", ["n", "v"]],
  [/s$/u, "", ["n", "v"]],
  [/ing$/u, "", ["v"]],
  [/ing$/u, "e", ["v"]],
  [/ed$/u, "", ["v"]],
  [/ed$/u, "e", ["v"]],
  [/ly$/u, "", ["a"]],
];

/**
 * WordNet lemmas a word of the text may be a form of, in a part of speech it is commonly used as:
 * a word whose senses as some part of speech were never seen in the tagged corpus ("have" as a
 * noun) is not read that way.
 */
function lemmasOf(word: string, wordnet: WordNet): [string, Pos][] {
  const forms: [string, readonly Pos[]][] = [[word, POSES]];
  for (const [ending, replacement, poses] of ENDINGS)
    if (ending.test(word)) forms.push([word.replace(ending, replacement), poses]);
  const lemmas: [string, Pos][] = [];
  for (const [form, poses] of forms) {
    if (form.length <= 2) continue;
    const entries = poses.map((pos) => ({ pos, ...wordnet.entry(form, pos) }));
    const seen = entries.some((e) => e.tagged > 0);
    for (const e of entries) if (e.offsets.length > 0 && (e.tagged > 0 || !seen)) lemmas.push([form, e.pos]);
  }
  return lemmas;
}

/** Steps from a synset up its first hypernyms to a root. */
function depth(synset: Synset, wordnet: WordNet): number {
  let steps = 0;
  for (let s: Synset | undefined = synset; s && steps < 20; steps++) {
    const up: Pointer | undefined = s.pointers.find((p) => p.symbol === "@" || p.symbol === "@i");
    s = up ? wordnet.synset(up.offset, up.pos) : undefined;
  }
  return steps;
}
