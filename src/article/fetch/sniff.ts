/**
 * Looking at the first bytes of a body: obviously binary data (an image, a PDF, an archive served
 * as text/html) is refused before anyone tries to read it as an article, and a body sent with no
 * Content-Type is told apart as HTML or plain text. The binary test is the WHATWG MIME Sniffing
 * standard's "binary data byte" rule, which text in any common encoding never trips.
 */
import type { PageKind } from "./content-type.js";

const SNIFF_BYTES = 1024;

/** C0 controls other than TAB, LF, FF, CR and ESC. */
const isBinaryByte = (b: number): boolean =>
  b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f);

/** The encoding a byte-order mark at the start of `bytes` names, if any. */
export function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/** True when the start of `bytes` cannot be text: a binary data byte, or a PDF's signature. */
export function looksBinary(bytes: Uint8Array): boolean {
  const bom = bomEncoding(bytes);
  if (bom === "utf-16le" || bom === "utf-16be") return false;
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (Buffer.from(head.subarray(0, 5)).toString("latin1") === "%PDF-") return true;
  return head.some(isBinaryByte);
}

const HTML_START = /^(?:\uFEFF)?\s*<(?:!doctype\s+html|html|head|body|meta|title|!--)/iu;

/** The kind of a body that came with no Content-Type: HTML when it starts like a page. */
export function sniffKind(bytes: Uint8Array): PageKind {
  const head = Buffer.from(bytes.subarray(0, SNIFF_BYTES)).toString("latin1");
  return HTML_START.test(head) ? "html" : "text";
}
