/**
 * AES-256-GCM for tokens at rest. Each value gets a fresh 96-bit nonce; the row and field it belongs
 * to are bound in as associated data, so a ciphertext copied into another row or column fails to
 * decrypt instead of yielding someone else's token. Stored form: "v1:" + base64(nonce | tag | data).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

const VERSION = "v1:";
const NONCE = 12;
const TAG = 16;

export class TokenCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("TokenCipher needs a 32-byte key");
  }

  encrypt(plain: string, context: string): string {
    const nonce = randomBytes(NONCE);
    const cipher = createCipheriv("aes-256-gcm", this.key, nonce);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return VERSION + Buffer.concat([nonce, cipher.getAuthTag(), data]).toString("base64");
  }

  /** Throws if the value was not encrypted with this key for this context. */
  decrypt(stored: string, context: string): string {
    if (!stored.startsWith(VERSION)) throw new Error("not an encrypted token");
    const raw = Buffer.from(stored.slice(VERSION.length), "base64");
    const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, NONCE));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(raw.subarray(NONCE, NONCE + TAG));
    return Buffer.concat([decipher.update(raw.subarray(NONCE + TAG)), decipher.final()]).toString("utf8");
  }

  /**
   * A value that identifies the key without revealing it, kept in the database so that starting with
   * a different key fails at once rather than at the first token read.
   */
  fingerprint(): string {
    return createHmac("sha256", this.key).update("article-bot token key check v1").digest("base64");
  }
}
