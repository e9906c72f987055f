/**
 * Abbreviations of the names an article spells out, derived from its own text when it loads:
 * initialisms of runs of capitalised words, with and without their small words ("Department of
 * Justice" → DOJ, DJ; "Department of Homeland Security" → DHS) and clipped forms of long name
 * words ("Department" → dept). Each maps to the stems of the words it abbreviates.
 */

import { slice } from "./span.js";
import { type Token, tokenize } from "./tokens.js";

const CONNECTORS = new Set(["of", "and", "for", "the", "on", "in", "to"]);
/** Forms that mean something else to every reader; an article's initialism must not take them over. */
const MIN_LENGTH = 2;

export function deriveAbbreviations(
  text: string,
  taken: ReadonlySet<string>,
  tokens: readonly Token[] = tokenize(text),
): Map<string, string[]> {
  const found = new Map<string, string[] | null>();
  const add = (form: string, stems: string[]) => {
    if (form.length < MIN_LENGTH || taken.has(form)) return;
    const existing = found.get(form);
    // The same letters for two different names is no abbreviation at all ("SS": Social Security, Sean Spicer).
    if (existing === undefined) found.set(form, stems);
    else if (existing !== null && existing.join(" ") !== stems.join(" ")) found.set(form, null);
  };
  for (const run of capitalisedRuns(text, tokens)) {
    for (let i = 0; i < run.length; i++) {
      if (!isCapitalised(text, run[i] as Token)) continue;
      for (let j = i + 1; j < run.length; j++) {
        const last = run[j] as Token;
        if (!isCapitalised(text, last)) continue;
        const words = run.slice(i, j + 1);
        const names = words.filter((t) => isCapitalised(text, t));
        const stems = names.map((t) => t.stem);
        add(words.map((t) => t.word[0]).join(""), stems);
        add(names.map((t) => t.word[0]).join(""), stems);
      }
    }
    for (const t of run)
      if (isCapitalised(text, t) && t.word.length >= 6)
        // Clipped forms keep three letters and the last: dept, govt, natl, secy.
        add(t.word.slice(0, 3) + t.word.slice(-1), [t.stem]);
  }
  const result = new Map<string, string[]>();
  for (const [form, stems] of found) if (stems) result.set(form, stems);
  return result;
}

/** Runs of capitalised words, with small words allowed between them. */
function capitalisedRuns(text: string, tokens: readonly Token[]): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const close = () => {
    while (run.length > 0 && !isCapitalised(text, run[run.length - 1] as Token)) run.pop();
    if (run.filter((t) => isCapitalised(text, t)).length >= 2) runs.push(run);
    run = [];
  };
  let previous: Token | undefined;
  for (const t of tokens) {
    // A run stops at punctuation or a line break between words.
    if (previous && /[^ ]/u.test(text.slice(previous.end, t.start).replace(/[’']s?/gu, ""))) close();
    if (isCapitalised(text, t)) run.push(t);
    else if (run.length > 0 && CONNECTORS.has(t.word)) run.push(t);
    else close();
    previous = t;
  }
  close();
  return runs;
}

const isCapitalised = (text: string, t: Token): boolean => /^\p{Lu}/u.test(slice(text, t));
