/**
 * Discord's signature on an HTTP interaction: Ed25519 over `X-Signature-Timestamp` + the raw body,
 * checked against the application's public key with node:crypto (Ed25519 is built into Node, so
 * no library is needed). Discord sends deliberately bad signatures and drops an endpoint that
 * accepts one, so anything short of a valid, fresh signature is refused.
 */
import { createPublicKey, type KeyObject, verify } from "node:crypto";

/** A signature older or newer than this is refused, so a captured request cannot be replayed later. */
const MAX_SKEW_SECONDS = 5 * 60;

export type Verdict = "ok" | "missing" | "malformed" | "stale" | "bad";

export interface Signed {
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
}

/**
 * The check for one public key (hex): `nowMs` is this machine's clock. The Ed25519 check itself
 * runs on libuv's thread pool (node:crypto's verify with a callback), not on the event loop: it is
 * the largest single cost of an interaction, and there it overlaps with answering the others.
 */
export function signatureCheck(publicKeyHex: string): (signed: Signed, nowMs: number) => Promise<Verdict> {
  const key = ed25519Key(publicKeyHex);
  return async ({ signature, timestamp, body }, nowMs) => {
    if (signature === undefined || timestamp === undefined) return "missing";
    if (!/^[0-9a-fA-F]{128}$/u.test(signature) || !/^\d{1,12}$/u.test(timestamp)) return "malformed";
    if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return "stale";
    const message = Buffer.concat([Buffer.from(timestamp, "utf8"), body]);
    return new Promise((resolve) =>
      verify(null, message, key, Buffer.from(signature, "hex"), (error, ok) =>
        resolve(!error && ok ? "ok" : "bad"),
      ),
    );
  };
}

/** The raw 32-byte key as a KeyObject, through its JWK form (`x` is the key in base64url). */
function ed25519Key(hex: string): KeyObject {
  const x = Buffer.from(hex, "hex").toString("base64url");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
}
