/**
 * ICU's English word and sentence segmenters, made on first use: the first Intl object a process
 * makes opens ICU's data (about 12 ms), which a start-up from the build's snapshot never needs.
 */
let words: Intl.Segmenter | undefined;
let sentences: Intl.Segmenter | undefined;

export const wordSegmenter = (): Intl.Segmenter =>
  (words ??= new Intl.Segmenter("en", { granularity: "word" }));

export const sentenceSegmenter = (): Intl.Segmenter =>
  (sentences ??= new Intl.Segmenter("en", { granularity: "sentence" }));
