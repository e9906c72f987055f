/**
 * Readability's cleaned article element → one string per block (paragraph, heading, list item),
 * so the stored text keeps the page's paragraphing. Written against the few DOM members it uses,
 * so it works on any server-side DOM.
 */

export interface DomNode {
  nodeType: number;
  nodeName: string;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  nodeValue: string | null;
}

const TEXT = 3;
const ELEMENT = 1;
// Elements that start a new block of text; everything else (a, em, span…) flows inside one.
const BLOCK = new Set(
  "ADDRESS ARTICLE ASIDE BLOCKQUOTE DD DIV DL DT FIGCAPTION FIGURE FOOTER H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN OL P PRE SECTION TABLE TD TH TR UL".split(
    " ",
  ),
);
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "svg", "SVG"]);

/** The text of each block under `root`, in document order, whitespace tidied; empty blocks dropped. */
export function blockTexts(root: DomNode): string[] {
  const out: string[] = [];
  let current = "";
  const flush = () => {
    const text = tidy(current);
    if (text !== "") out.push(text);
    current = "";
  };
  const walk = (node: DomNode) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT) current += (child.nodeValue ?? "").replace(/\s+/gu, " ");
      else if (child.nodeType === ELEMENT) {
        const name = child.nodeName.toUpperCase();
        if (SKIP.has(name)) continue;
        if (name === "BR") {
          current += "\n";
          continue;
        }
        const block = BLOCK.has(name);
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  };
  walk(root);
  flush();
  return out;
}

// Control characters never reach the stored text (they would reach every renderer), and soft
// hyphens go (they would split words for search); a "\n" (from <br>) survives as one line break,
// never as a blank line, which would split the paragraph.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff]/gu;

export function tidy(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/\r\n?/gu, "\n")
    .replace(/\u00ad/gu, "")
    .replace(CONTROL, " ")
    .split("\n")
    .map((line) => line.replace(/\s+/gu, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}
