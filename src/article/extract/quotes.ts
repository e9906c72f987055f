/**
 * Quotes and speakers of an added article: the people compromise finds in the text outside its
 * quotation marks, fed to the same attribution rule as the curated Sessions article
 * (src/article/quotes.ts). The whole text is read, not only the paragraphs near quotes: a speaker
 * named in full far above ("Tom Forte") and by surname beside a quote must still be known, or a
 * pronoun could be pinned on someone else. compromise itself reads only the windows around
 * capitalised runs (name-windows.ts).
 */
import { type Paragraph, type Sentence, splitParagraphs, splitSentences } from "../paragraphs.js";
import { findQuotations } from "../quotations.js";
import { attributeQuotes, type Quote } from "../quotes.js";
import { findPeople } from "./people.js";

export function extractQuotes(
  text: string,
  paragraphs: readonly Paragraph[] = splitParagraphs(text),
  sentences: readonly Sentence[] = splitSentences(text, paragraphs),
): Quote[] {
  const quoted = findQuotations(text, paragraphs);
  let outside = "";
  let at = 0;
  // Quotations become blanks of the same length, so the sentences around them keep their shape.
  for (const q of quoted) {
    if (q.start < at) continue;
    outside += text.slice(at, q.start) + " ".repeat(q.end - q.start);
    at = q.end;
  }
  outside += text.slice(at);
  return attributeQuotes(text, paragraphs, sentences, findPeople(outside, paragraphs));
}
