/** Reading a Discord thread to see which parts of a thread post the bot already posted there. */
import { type APIMessage, type Client, makeURLSearchParams, Routes } from "discord.js";
import type { ThreadPart } from "../render/thread.js";

/** Messages read per request (Discord's maximum), and how many requests a check may take. */
const PAGE = 100;
const MAX_PAGES = 10;
export const CHECKED_AT_MOST = PAGE * MAX_PAGES;

export interface Found {
  /** Indexes of the parts the bot already posted in the thread. */
  present: Set<number>;
  /** False when the thread is longer than the bot reads and some parts were not found. */
  complete: boolean;
}

/**
 * Which parts of a thread post are already in the thread: the bot's own messages, newest first (a
 * re-run usually follows a failure shortly after), compared with the planned messages by their
 * text. No marker is added to what is posted, so the article stays exactly as written; posting
 * the same plan twice gives the same text, so equal text means the part is there.
 */
export async function findPosted(
  client: Client<true>,
  threadId: string,
  parts: readonly ThreadPart[],
): Promise<Found> {
  const wanted = parts.map((p) => fingerprint(p.message));
  const seen = new Map<string, number>();
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = makeURLSearchParams({ limit: PAGE, ...(before ? { before } : {}) });
    const batch = (await client.rest.get(Routes.channelMessages(threadId), { query })) as APIMessage[];
    for (const m of batch)
      if (m.author.id === client.user.id) {
        const key = fingerprint(m);
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    const present = match(wanted, seen);
    if (present.size === parts.length || batch.length < PAGE) return { present, complete: true };
    before = oldest(batch);
  }
  return { present: match(wanted, seen), complete: false };
}

/** Each planned part is matched by one message at most, so a repeated text counts as often as it was posted. */
function match(wanted: readonly string[], seen: ReadonlyMap<string, number>): Set<number> {
  const left = new Map(seen);
  const present = new Set<number>();
  for (const [i, key] of wanted.entries()) {
    const n = left.get(key) ?? 0;
    if (n === 0) continue;
    left.set(key, n - 1);
    present.add(i);
  }
  return present;
}

interface MessageLike {
  content?: string | undefined;
  embeds?: readonly { title?: string; description?: string; footer?: { text: string } }[] | undefined;
}

/**
 * What a member sees of a message: its text and its embeds' title, description and footer. Discord
 * returns more than the bot sent (embed type, colour, ids), and may trim surrounding whitespace.
 */
function fingerprint(m: MessageLike): string {
  const trim = (s: string | undefined) => (s ?? "").trim();
  return JSON.stringify([
    trim(m.content),
    (m.embeds ?? []).map((e) => [trim(e.title), trim(e.description), trim(e.footer?.text)]),
  ]);
}

const oldest = (batch: readonly APIMessage[]): string =>
  batch.reduce((min, m) => (BigInt(m.id) < BigInt(min) ? m.id : min), batch[0]?.id ?? "0");
