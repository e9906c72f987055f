/**
 * `npm run related`: writes data/article.related.json (the related-word cache of the shipped
 * article) and data/english-commonness.txt (how common English words are), both from WordNet.
 */
import { loadArticle } from "./load.js";
import { writeCommonness, writeRelated } from "./related-cache.js";

const article = loadArticle();
console.log(`wrote ${writeRelated(article.quotes.map((q) => article.text.slice(q.start, q.end)))}`);
console.log(`wrote ${writeCommonness()}`);
