import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TokenCipher } from "../../src/state/token-cipher.js";

describe("TokenCipher", () => {
  const cipher = new TokenCipher(randomBytes(32));
  const token = "xoxb-1234-5678-abcdefghijklmnop";

  it("round-trips, with a fresh nonce each time and no plaintext in the output", () => {
    const a = cipher.encrypt(token, "T:T1/bot_token");
    const b = cipher.encrypt(token, "T:T1/bot_token");
    expect(a).not.toBe(b);
    expect(a).not.toContain("xoxb");
    expect(a.startsWith("v1:")).toBe(true);
    expect(cipher.decrypt(a, "T:T1/bot_token")).toBe(token);
  });

  it("refuses another key, another row or field, and a tampered value", () => {
    const sealed = cipher.encrypt(token, "T:T1/bot_token");
    expect(() => new TokenCipher(randomBytes(32)).decrypt(sealed, "T:T1/bot_token")).toThrow();
    expect(() => cipher.decrypt(sealed, "T:T2/bot_token")).toThrow();
    expect(() => cipher.decrypt(sealed, "T:T1/user_token")).toThrow();
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => cipher.decrypt(`v1:${raw.toString("base64")}`, "T:T1/bot_token")).toThrow();
  });

  it("gives the same fingerprint for the same key only", () => {
    const key = randomBytes(32);
    expect(new TokenCipher(key).fingerprint()).toBe(new TokenCipher(Buffer.from(key)).fingerprint());
    expect(new TokenCipher(key).fingerprint()).not.toBe(cipher.fingerprint());
    expect(() => new TokenCipher(randomBytes(16))).toThrow();
  });
});
