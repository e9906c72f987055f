/**
 * Where the article names each known person: every alias, matched as a whole word, outside
 * quotations (a name inside someone's quote is not who is speaking). An alias two people share
 * ("Parry" for a mother and daughter) names neither, so it is dropped.
 */
import type { Span } from "./span.js";

export interface Person {
  name: string;
  aliases: readonly string[];
}

export interface Mention extends Span {
  person: string;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function findMentions(text: string, people: readonly Person[], quoted: readonly Span[]): Mention[] {
  const owner = new Map<string, string | null>();
  for (const person of people)
    for (const alias of new Set([person.name, ...person.aliases])) {
      const seen = owner.get(alias);
      owner.set(alias, seen === undefined || seen === person.name ? person.name : null);
    }
  const aliases = [...owner.entries()].filter(([, who]) => who !== null).map(([alias]) => alias);
  if (aliases.length === 0) return [];
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(${aliases
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join("|")})(?![\\p{L}\\p{N}])`,
    "gu",
  );
  const mentions: Mention[] = [];
  for (const m of text.matchAll(pattern)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (quoted.some((q) => q.start <= span.start && span.end <= q.end)) continue;
    mentions.push({ ...span, person: owner.get(m[0]) as string });
  }
  return mentions;
}
