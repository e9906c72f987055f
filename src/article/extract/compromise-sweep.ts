/**
 * compromise's `bulkMatch` (the sweep its post-tagger runs over every clause; compromise 14's
 * src/1-one/sweep/methods/sweep/, MIT licence) with its first step done in another order and the
 * same result. To pick the rules that may apply to a clause, compromise walks all 730 keys of its
 * rule index for each clause and asks the clause's word-and-tag set for each: a third of the time
 * it spends reading an article's names. Here each clause's own set (some 30 entries) is looked up
 * in the index instead, and the rules are then taken in the index's key order, so each clause
 * gets the same rules in the same order and every tag comes out the same. The other steps are
 * compromise's own, as written there. Installed once, with compromise's plugin mechanism; a test
 * checks that both sweeps tag real pages the same.
 */
import { nlp } from "./nlp.js";

interface Rule {
  match: string;
  needs: string[];
  wants: string[];
  minWant: number;
  minWords: number;
  ifNo?: string[];
  unTag?: unknown;
}

interface Net {
  hooks: Record<string, Rule[]>;
  always: Rule[];
}

interface Methods {
  one: {
    cacheDoc: (document: unknown[][]) => Set<string>[];
    match: (docs: unknown[][], rule: Rule) => { ptrs: number[][] };
  };
}

/** Each index's keys in compromise's order (Object.keys), by position. */
const orders = new WeakMap<Net["hooks"], { position: Map<string, number>; keys: string[] }>();

function orderOf(hooks: Net["hooks"]) {
  let order = orders.get(hooks);
  if (!order) {
    const keys = Object.keys(hooks);
    order = { position: new Map(keys.map((k, i) => [k, i])), keys };
    orders.set(hooks, order);
  }
  return order;
}

/** compromise's getHooks: the rules indexed under anything in each clause, first seen first. */
function getHooks(caches: readonly Set<string>[], hooks: Net["hooks"]): Rule[][] {
  const { position, keys } = orderOf(hooks);
  return caches.map((cache) => {
    const present: number[] = [];
    for (const item of cache) {
      const at = position.get(item);
      if (at !== undefined) present.push(at);
    }
    present.sort((a, b) => a - b);
    const seen = new Set<string>();
    const maybe: Rule[] = [];
    for (const at of present)
      for (const rule of hooks[keys[at] as string] as Rule[])
        if (!seen.has(rule.match)) {
          seen.add(rule.match);
          maybe.push(rule);
        }
    return maybe;
  });
}

/** compromise's trimDown: every need met, no ifNo present, enough of the wants. */
const trimDown = (maybeList: Rule[][], caches: readonly Set<string>[]): Rule[][] =>
  maybeList.map((list, n) => {
    const haves = caches[n] as Set<string>;
    return list.filter(
      (rule) =>
        rule.needs.every((need) => haves.has(need)) &&
        !rule.ifNo?.some((no) => haves.has(no)) &&
        (rule.wants.length === 0 || rule.wants.filter((w) => haves.has(w)).length >= rule.minWant),
    );
  });

function bulkMatch(document: unknown[][], net: Net, methods: Methods, opts: { matchOne?: boolean } = {}) {
  const caches = methods.one.cacheDoc(document);
  let maybeList = trimDown(getHooks(caches, net.hooks), caches);
  if (net.always.length > 0) maybeList = maybeList.map((list) => list.concat(net.always));
  maybeList = maybeList.map((list, i) =>
    list.filter((rule) => (document[i] as unknown[]).length >= rule.minWords),
  );
  // compromise's runMatch.
  const results: (Rule & { pointer: number[] })[] = [];
  for (let n = 0; n < maybeList.length; n++)
    for (const rule of maybeList[n] as Rule[]) {
      const res = methods.one.match([document[n] as unknown[]], rule);
      if (res.ptrs.length === 0) continue;
      for (const ptr of res.ptrs) {
        ptr[0] = n;
        const todo = Object.assign({}, rule, { pointer: ptr });
        if (rule.unTag !== undefined) todo.unTag = rule.unTag;
        results.push(todo);
      }
      if (opts.matchOne === true) return [results[0]];
    }
  return results;
}

/** compromise's own sweep, as it was before any plugin: for the test that compares the two. */
export const compromiseSweep: unknown = (
  nlp.world() as unknown as { methods: Methods & { one: { bulkMatch: unknown } } }
).methods.one.bulkMatch;

/** The plugin: `nlp.plugin(fasterSweep)`. */
export const fasterSweep = { methods: { one: { bulkMatch } } };
