/**
 * HTTP interactions on the fake Discord: instead of INTERACTION_CREATE on the gateway, every
 * interaction the fake sends (`interact`, `press`) is POSTed to the bot's endpoint, signed with
 * the application's Ed25519 key pair as Discord signs it. The HTTP response's body is the
 * interaction's first answer: it is checked against Discord's schema and applied exactly as a
 * callback POST would be (so the fake's REST then accepts follow-ups and edits for it), and
 * recorded in `answers`, not in `fake.requests`: no callback request was made.
 */
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { FakeDiscord } from "./index.js";
import type { InteractionRecord } from "./interactions.js";
import { ROUTES, type Route } from "./routes.js";
import { VALIDATORS } from "./validate.js";

const CALLBACK = "POST /interactions/:interaction/:token/callback";

/** Setting the Interactions Endpoint URL (`npm run register` with DISCORD_INTERACTIONS_URL). */
export const APPLICATION_ROUTES: Route[] = [
  {
    method: "PATCH",
    template: "PATCH /applications/@me",
    auth: true,
    handle: (core, req) => {
      const url = (req.body as { interactions_endpoint_url?: unknown } | undefined)
        ?.interactions_endpoint_url;
      if (typeof url !== "string" || !URL.canParse(url))
        return { status: 400, body: { code: 50035, message: "Invalid Form Body" } };
      return { status: 200, body: { id: core.state.applicationId, interactions_endpoint_url: url } };
    },
  },
];

export interface HttpAnswer {
  interaction: string;
  /** The endpoint that answered (the replica, with several). */
  endpoint: string;
  status: number;
  body: unknown;
}

export interface HttpDelivery {
  /** The application's public key, hex, as the Developer Portal shows it (DISCORD_PUBLIC_KEY). */
  publicKey: string;
  /** The bot's answer to each interaction delivered, in order. */
  answers: HttpAnswer[];
  /** Discord's two signature headers for `body`, signed at `timestamp` (seconds; default now). */
  sign(body: string, timestamp?: number): Record<string, string>;
  /** Sends what follows to another endpoint (another replica of the bot, with the same key). */
  to(url: string): void;
  /** POSTs `body` to the endpoint with these headers, as Discord (or someone else) would. */
  post(
    body: string,
    headers: Record<string, string>,
    method?: string,
  ): Promise<{ status: number; body: unknown }>;
}

/** From now on the fake sends its interactions to `url` (the bot's /discord/interactions). */
export function deliverOverHttp(fake: FakeDiscord, url: string): HttpDelivery {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const x = publicKey.export({ format: "jwk" }).x ?? "";
  const answers: HttpAnswer[] = [];
  let endpoint = url;
  const signer = (body: string, timestamp = Math.floor(Date.now() / 1000)) =>
    signed(privateKey, body, timestamp);
  const post: HttpDelivery["post"] = async (body, headers, method = "POST") => {
    const response = await fetch(endpoint, { method, body: method === "GET" ? undefined : body, headers });
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : parse(text) };
  };
  fake.deliver = (record) => {
    const body = JSON.stringify(record.payload);
    const to = endpoint;
    post(body, { "content-type": "application/json", ...signer(body) }).then(
      (answer) => apply(fake, record, { ...answer, endpoint: to }, answers),
      (error: unknown) => fake.problems.push({ kind: "http-delivery", detail: String(error) }),
    );
    // No gateway shard took it.
    return undefined;
  };
  return {
    publicKey: Buffer.from(x, "base64url").toString("hex"),
    answers,
    sign: signer,
    post,
    to: (next) => {
      endpoint = next;
    },
  };
}

function signed(privateKey: KeyObject, body: string, timestamp: number): Record<string, string> {
  const signature = sign(null, Buffer.from(`${timestamp}${body}`), privateKey).toString("hex");
  return { "x-signature-ed25519": signature, "x-signature-timestamp": String(timestamp) };
}

/** The HTTP response as the interaction's callback: validated, then applied by the callback route. */
function apply(
  fake: FakeDiscord,
  record: InteractionRecord,
  answer: Omit<HttpAnswer, "interaction">,
  answers: HttpAnswer[],
): void {
  answers.push({ interaction: record.id, ...answer });
  if (answer.status !== 200) {
    fake.problems.push({ kind: "http-refused", detail: `the bot answered ${answer.status} to ${record.id}` });
    return;
  }
  const problems = VALIDATORS[CALLBACK]?.(answer.body, fake.policy) ?? [];
  if (problems.length > 0)
    fake.problems.push({
      kind: "invalid-body",
      detail: problems.map((p) => `${p.path}: ${p.message}`).join("; "),
      route: CALLBACK,
      problems,
      body: answer.body,
    });
  else
    ROUTES.find((r) => r.template === CALLBACK)?.handle(fake.core, {
      params: { interaction: record.id, token: record.token },
      query: new URLSearchParams(),
      body: answer.body,
      now: performance.now(),
    });
  fake.emit("request", { route: "HTTP response", status: answer.status });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
