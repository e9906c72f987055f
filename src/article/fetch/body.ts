/**
 * Reads a response body into memory without trusting the server about its size: the bytes on
 * the wire are counted and reading stops past the cap, whatever Content-Length says or omits;
 * gzip, deflate and br are decoded as they arrive and the decoded bytes are capped too, so a
 * 5 KB decompression bomb stops at the cap instead of filling memory.
 */
import { type Readable, Transform, type TransformCallback, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { Refusal } from "./refused.js";

const megabytes = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const tooLarge = (max: number, what = "the page"): Refusal =>
  new Refusal("too-large", `${what} is larger than ${megabytes(max)}, the most the bot reads`);

/** Passes chunks through until more than `max` bytes went by, then fails with `error`. */
class Cap extends Transform {
  private seen = 0;
  constructor(
    private readonly max: number,
    private readonly error: () => Error,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) done(this.error());
    else done(null, chunk);
  }
}

/** A decoder for each Content-Encoding, applied last-first as the header lists them. */
function decoders(contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? "")
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== "identity");
  return codings.reverse().map((coding) => {
    if (coding === "gzip" || coding === "x-gzip") return createGunzip();
    if (coding === "deflate") return createInflate();
    if (coding === "br") return createBrotliDecompress();
    throw new Refusal(
      "encoding",
      `the page is compressed as ${coding.slice(0, 20)}, which the bot cannot read`,
    );
  });
}

const isZlibError = (error: unknown): boolean =>
  typeof (error as NodeJS.ErrnoException)?.code === "string" &&
  (error as NodeJS.ErrnoException).code?.startsWith("Z_") === true;

/**
 * The decoded body, at most `max` bytes before and after decoding. Throws a Refusal for an
 * oversize body, an unknown encoding or corrupt compressed data; `signal` cuts reading short.
 */
export async function readBody(
  body: Readable,
  headers: { contentLength?: string; contentEncoding?: string },
  max: number,
  signal: AbortSignal,
): Promise<Buffer> {
  // Once reading stops early, tearing the connection down errors the body again after pipeline
  // has let go of it; pipeline reports the first error, this keeps the second from going unhandled.
  body.on("error", () => undefined);
  const declared = Number(headers.contentLength);
  if (Number.isFinite(declared) && declared > max) throw tooLarge(max);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const stages = [
    new Cap(max, () => tooLarge(max)),
    ...decoders(headers.contentEncoding),
    new Cap(max, () => tooLarge(max, "the page once decompressed")),
  ];
  try {
    await pipeline([body, ...stages, sink], { signal });
  } catch (error) {
    if (isZlibError(error)) throw new Refusal("encoding", "its compressed body is corrupt");
    throw error;
  }
  return Buffer.concat(chunks);
}
