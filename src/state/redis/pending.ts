/**
 * Previews waiting for a press, shared by replicas, so a Post or Cancel that reaches any replica
 * finds its preview. Each is a hash (entry as JSON, owner, expiry, state); one script decides a
 * press atomically (waiting → taken once; someone else: notOwner; late: expired), so two presses on
 * two replicas post at most once. The key itself outlives the expiry a little, so a late second
 * press still hears "already decided". Only plain-data targets can be shared (Slack's); Discord's
 * holds a live interaction and stays in its process. While Redis is unreachable, previews made
 * then wait in this process (a press on another replica finds them expired).
 */
import type { Owner, PendingPost, PendingPosts, Taken } from "../../core/thread/confirm.js";
import { type SharedRedis, sharedOr } from "./client.js";

const TAKE = `
local state = redis.call("HGET", KEYS[1], "state")
if not state or state == "expired" then return {"expired"} end
if state == "taken" then return {"alreadyTaken"} end
if tonumber(ARGV[2]) >= tonumber(redis.call("HGET", KEYS[1], "expires")) then
  redis.call("HSET", KEYS[1], "state", "expired")
  return {"expired"}
end
if redis.call("HGET", KEYS[1], "owner") ~= ARGV[1] then return {"notOwner", redis.call("HGET", KEYS[1], "entry")} end
redis.call("HSET", KEYS[1], "state", "taken")
return {"taken", redis.call("HGET", KEYS[1], "entry")}`;

const DROP = `if redis.call("HGET", KEYS[1], "state") == "waiting" then redis.call("HSET", KEYS[1], "state", "expired") return 1 end return 0`;

/** How long a decided or expired preview is still remembered as such. */
const KEEP_AFTER_MS = 10 * 60_000;
const LOCAL_IDS = 1_000;

export class RedisPendingPosts implements PendingPosts {
  // Ids of previews made while Redis was down: their presses are decided here.
  private readonly localIds = new Set<string>();

  constructor(
    private readonly redis: SharedRedis,
    private readonly local: PendingPosts,
    private readonly options: { prefix?: string; now?: () => number } = {},
  ) {}

  private key(id: string): string {
    return (this.options.prefix ?? "bot:pending:") + id;
  }

  put(id: string, entry: PendingPost): Promise<void> {
    const now = this.options.now?.() ?? Date.now();
    const keepMs = Math.min(Math.max(entry.expires - now, 0), 24 * 3_600_000) + KEEP_AFTER_MS;
    return sharedOr(
      this.redis,
      async (c) => {
        const fields = {
          state: "waiting",
          owner: entry.owner.id,
          expires: String(entry.expires),
          entry: JSON.stringify(entry),
        };
        await c.multi().hset(this.key(id), fields).pexpire(this.key(id), keepMs).exec();
      },
      async () => {
        this.localIds.add(id);
        for (const oldest of this.localIds) {
          if (this.localIds.size <= LOCAL_IDS) break;
          this.localIds.delete(oldest);
        }
        await this.local.put(id, entry);
      },
    );
  }

  take(id: string, user: string, now: number): Promise<Taken> {
    if (this.localIds.has(id)) return this.local.take(id, user, now);
    return sharedOr<Taken>(
      this.redis,
      async (c) => {
        const [kind, json] = (await c.eval(TAKE, 1, this.key(id), user, String(now))) as [
          Taken["kind"],
          string?,
        ];
        if (kind === "taken") return { kind, entry: JSON.parse(json ?? "null") as PendingPost };
        if (kind === "notOwner")
          return { kind, owner: (JSON.parse(json ?? "null") as PendingPost).owner as Owner };
        return { kind: kind === "alreadyTaken" ? "alreadyTaken" : "expired" };
      },
      () => ({ kind: "expired" }),
    );
  }

  drop(id: string): Promise<boolean> {
    if (this.localIds.has(id)) return this.local.drop(id);
    return sharedOr(
      this.redis,
      async (c) => (await c.eval(DROP, 1, this.key(id))) === 1,
      () => false,
    );
  }
}
