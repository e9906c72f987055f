/**
 * What kind of page a response is: HTML (text/html, application/xhtml+xml) or plain text
 * (text/plain), judged by Content-Type before the body is read; anything else is refused. With no
 * Content-Type the body decides (sniff.ts). The charset parameter is kept for decoding.
 */
import { quoted, Refusal } from "./refused.js";

export type PageKind = "html" | "text";

const KINDS: Record<string, PageKind> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/plain": "text",
};

export interface DeclaredType {
  /** Undefined when the server sent no Content-Type: sniff the body. */
  kind: PageKind | undefined;
  /** The charset parameter as written (a label for TextDecoder), if any. */
  charset: string | undefined;
}

/** `header` (a Content-Type value) as a page kind and charset; throws a Refusal for other types. */
export function declaredType(header: string | undefined): DeclaredType {
  if (header === undefined || header.trim() === "") return { kind: undefined, charset: undefined };
  const [essence = "", ...params] = header.split(";");
  const type = essence.trim().toLowerCase();
  const kind = KINDS[type];
  if (!kind)
    throw new Refusal("content-type", `it is ${quoted(type || header, 40)}, not an HTML page or plain text`);
  const charset = params
    .map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/iu.exec(p)?.[1])
    .find((c) => c !== undefined);
  return { kind, charset };
}
