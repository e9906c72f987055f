/**
 * Turning a page's bytes into text: a byte-order mark wins, then the Content-Type charset, then
 * (for HTML) a <meta charset> or <meta http-equiv="Content-Type"> in the first 1,024 bytes, as
 * browsers do; otherwise UTF-8. Node's TextDecoder (WHATWG Encoding, full ICU) knows every label
 * browsers do; an unknown label falls back to UTF-8, and invalid bytes become U+FFFD, never an
 * error.
 */
import { TextDecoder } from "node:util";
import type { PageKind } from "./content-type.js";
import { bomEncoding } from "./sniff.js";

const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:+-]+)/iu;

/** The charset a <meta> near the top of an HTML page declares, if any. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const label = META_CHARSET.exec(Buffer.from(bytes.subarray(0, 1024)).toString("latin1"))?.[1];
  // A page that could be read this far as ASCII is not UTF-16, whatever it says (WHATWG does the same).
  return label && /^utf-16/iu.test(label) ? "utf-8" : label;
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim());
  } catch {
    return undefined; // an unknown label: try the next source
  }
}

/** The text and the name of the encoding it was decoded with ("utf-8", "windows-1252", …). */
export function decodeText(
  bytes: Uint8Array,
  kind: PageKind,
  headerCharset: string | undefined,
): { text: string; charset: string } {
  const decoder =
    decoderFor(bomEncoding(bytes)) ??
    decoderFor(headerCharset) ??
    (kind === "html" ? decoderFor(metaCharset(bytes)) : undefined) ??
    new TextDecoder("utf-8");
  return { text: decoder.decode(bytes), charset: decoder.encoding };
}
