/**
 * `npm run related`: writes data/article.related.json (the related-word cache of the shipped
 * article) and data/english-commonness.txt (how common English words are), both from WordNet.
 */
import { loadArticle } from "./load.js";
import { writeCommonness, writeRelated } from "./related-cache.js";
import { slice } from "./span.js";

const article = loadArticle();
console.log(`wrote ${writeRelated(article.quotes.map((q) => slice(article.text, q)))}`);
console.log(`wrote ${writeCommonness()}`);
