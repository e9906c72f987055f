/**
 * The curated topics of an article (data/article.json) as the search meets them: a topic typed
 * whole, by its name or an alias, or within one typo of a one-word alias ("fundng"); and aliases
 * inside a longer topic ("punishment for sanctuary cities" holds "punishment", an alias of
 * penalties, and "sanctuary cities"). Each alias run found inside a longer topic becomes one term
 * that also reaches its topic's own words, so the passages a curated alias names hold that part of
 * the query; the other words are weighed as usual.
 */
import { oneEdit } from "./similarity.js";
import type { Lexicon, Target, Term } from "./terms.js";
import { isNumber, type Token } from "./tokens.js";

export interface Topic {
  name: string;
  /** Words Sessions used that this topic stands for; every one must match a quote. */
  match: readonly string[];
  /** Words a member might type instead (the article's, or everyday ones). */
  aliases: readonly string[];
}

const FUZZY_MIN_LENGTH = 4;

export class TopicAliases {
  private readonly byWords = new Map<string, Topic>();
  private readonly byStems = new Map<string, Topic>();
  /** First words and first stems of every alias, so a word that starts none costs one lookup. */
  private readonly starts = new Set<string>();
  private longest = 0;
  /** The one-word alias stems by length, in alias order, for the one-typo topic lookup. */
  private readonly oneWordStems = new Map<number, { stem: string; order: number; topic: Topic }[]>();
  /** Each topic's match phrases as terms (all must match), and as targets for an alias inside a topic. */
  readonly matchTerms = new Map<Topic, Term[][]>();
  private readonly targets = new Map<Topic, Target[]>();

  constructor(
    topics: readonly Topic[],
    private readonly lexicon: Lexicon,
    content: (phrase: string) => Token[],
  ) {
    for (const topic of topics) {
      const phrases = topic.match.map((phrase) => lexicon.terms(content(phrase)));
      this.matchTerms.set(topic, phrases);
      // A match phrase is the article's own words: one target holding all of their stems.
      this.targets.set(
        topic,
        phrases.flatMap((terms) => {
          const stems = exactStems(terms);
          return stems && stems.length > 0 ? [{ stems, kind: "alias" as const }] : [];
        }),
      );
      for (const phrase of [topic.name, ...topic.aliases]) {
        const tokens = content(phrase);
        if (tokens.length === 0) continue;
        setOnce(this.byWords, tokens.map((t) => t.word).join(" "), topic);
        setOnce(this.byStems, tokens.map((t) => t.stem).join(" "), topic);
        this.starts.add((tokens[0] as Token).word).add((tokens[0] as Token).stem);
        this.longest = Math.max(this.longest, tokens.length);
      }
    }
    for (const [order, [stem, topic]] of [...this.byStems].entries()) {
      if (stem.includes(" ")) continue;
      const same = this.oneWordStems.get(stem.length);
      if (same) same.push({ stem, order, topic });
      else this.oneWordStems.set(stem.length, [{ stem, order, topic }]);
    }
  }

  /** The topic the whole query names, by an alias or its name, or within one typo of a one-word alias. */
  topicFor(query: readonly Token[]): Topic | undefined {
    const exact = this.find(query);
    if (exact || query.length !== 1) return exact;
    // One mistyped word ("fundng") still finds its topic.
    const [only] = query as [Token];
    if (isNumber(only.stem) || only.stem.length < FUZZY_MIN_LENGTH) return undefined;
    // The first alias (in alias order) within one edit; only stems of a near length can be.
    let first: { order: number; topic: Topic } | undefined;
    const length = only.stem.length;
    for (const near of [length - 1, length, length + 1])
      for (const alias of this.oneWordStems.get(near) ?? [])
        if ((!first || alias.order < first.order) && oneEdit(only.stem, alias.stem)) first = alias;
    return first?.topic;
  }

  /** The query's terms, with each alias run inside it (longest first, left to right) as one term. */
  terms(content: readonly Token[]): Term[] {
    const terms: Term[] = [];
    let from = 0;
    for (let i = 0; i < content.length; ) {
      const run = this.runAt(content, i);
      if (!run) {
        i++;
        continue;
      }
      if (from < i) terms.push(...this.lexicon.terms(content.slice(from, i)));
      const words = this.lexicon.terms(content.slice(i, i + run.length));
      // An alias bridges words he did not say; a run of his own words finds its passages itself.
      if (exactStems(words)) terms.push(...words);
      else
        terms.push({
          typed: words.map((t) => t.typed).join(" "),
          weight: words.reduce((sum, t) => sum + t.weight, 0),
          // A one-word alias still finds whatever its word reaches (a typo, a related word).
          targets: [
            ...(run.length === 1 ? (words[0]?.targets ?? []) : []),
            ...(this.targets.get(run.topic) ?? []),
          ],
        });
      i += run.length;
      from = i;
    }
    if (from < content.length) terms.push(...this.lexicon.terms(from === 0 ? content : content.slice(from)));
    return terms;
  }

  private runAt(content: readonly Token[], i: number): { length: number; topic: Topic } | undefined {
    const first = content[i] as Token;
    if (!this.starts.has(first.word) && !this.starts.has(first.stem)) return undefined;
    for (let length = Math.min(this.longest, content.length - i); length >= 1; length--) {
      const topic = this.find(content.slice(i, i + length));
      if (topic) return { length, topic };
    }
    return undefined;
  }

  private find(tokens: readonly Token[]): Topic | undefined {
    return (
      this.byWords.get(tokens.map((t) => t.word).join(" ")) ??
      this.byStems.get(tokens.map((t) => t.stem).join(" "))
    );
  }
}

/** The stems of terms that are all his own words, or undefined when one is not. */
function exactStems(terms: readonly Term[]): string[] | undefined {
  const stems: string[] = [];
  for (const term of terms) {
    const exact = term.targets.find((x) => x.kind === "exact");
    if (!exact) return undefined;
    stems.push(...exact.stems);
  }
  return stems;
}

function setOnce<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}
