/**
 * compromise (its tagger, `compromise/two`) as this project loads it: its one-file CommonJS build,
 * which the package exports for `require`, rather than its ES module source. The source is some
 * 300 small modules, and loading them was half of a fresh process's first /article add: about
 * 340 ms against 260 ms for the bundle compiled, and 860 against about 300 under tsx, whose loader
 * sees every module. The code is the same release; people.ts and compromise-sweep.ts share this one
 * instance (the sweep is installed into it).
 */
import { createRequire } from "node:module";
import type nlpType from "compromise/two";

export const nlp = createRequire(import.meta.url)("compromise/two") as typeof nlpType;
