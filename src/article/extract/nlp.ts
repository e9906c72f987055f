/**
 * compromise (its tagger, `compromise/two`) as this project loads it: its one-file CommonJS build,
 * which the package exports for `require`, rather than its ES module source, some 300 small
 * modules. Loading compromise is most of loading the added-article builder, which a fresh process
 * does on its first /article add: 230-300 ms from the bundle against 370-450 ms from the source
 * (five fresh processes each, compiled), and far less under tsx, whose loader sees every module.
 * The code is the same release; people.ts and compromise-sweep.ts share this one instance (the
 * sweep is installed into it).
 */
import { createRequire } from "node:module";
import type nlpType from "compromise/two";

export const nlp = createRequire(import.meta.url)("compromise/two") as typeof nlpType;
