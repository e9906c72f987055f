/**
 * Which gateway frames the bot lets through to discord.js. discord.js trusts Discord's payloads:
 * on a frame it cannot read (an interaction without `data`, a member without `user`, a READY
 * without a session) it throws inside its packet handler, where nothing catches it. These are the
 * shapes it relies on for the events a Guilds-intent bot gets, checked before it sees a frame.
 */
import * as z from "zod";

const id = z.string().regex(/^\d{1,20}$/u, "not a Discord id");
// Permission sets travel as decimal strings; discord.js turns them into BigInts.
const bits = z.string().regex(/^\d{1,40}$/u, "not a permission set");
const user = z.looseObject({ id });
const channel = z.looseObject({ id, type: z.number().int() });
const guild = z.looseObject({ id });

const interaction = z
  .looseObject({
    id,
    application_id: id,
    type: z.number().int(),
    token: z.string().min(1),
    data: z
      .looseObject({
        // Component and modal interactions carry custom_id instead; the bot only takes commands.
        id: id.optional(),
        name: z.string().optional(),
        type: z.number().int().optional(),
        options: z.array(z.looseObject({ name: z.string(), type: z.number().int() })).optional(),
        resolved: z.looseObject({}).optional(),
      })
      .optional(),
    guild_id: id.optional(),
    channel_id: id.optional(),
    member: z.looseObject({ user, permissions: bits.optional() }).optional(),
    user: user.optional(),
    app_permissions: bits.optional(),
  })
  // Everything but a ping (type 1) carries data.
  .refine((i) => i.type === 1 || i.data !== undefined, { message: "no data", path: ["data"] });

const DISPATCH: Record<string, z.ZodType> = {
  READY: z.looseObject({
    session_id: z.string().min(1),
    resume_gateway_url: z.string().min(1),
    user,
    guilds: z.array(guild),
    application: z.looseObject({ id }),
  }),
  GUILD_CREATE: guild,
  GUILD_UPDATE: guild,
  GUILD_DELETE: guild,
  CHANNEL_CREATE: channel,
  CHANNEL_UPDATE: channel,
  CHANNEL_DELETE: channel,
  THREAD_CREATE: channel,
  THREAD_UPDATE: channel,
  THREAD_DELETE: channel,
  INTERACTION_CREATE: interaction,
};

const HELLO = 10;
const hello = z.looseObject({ heartbeat_interval: z.number().positive() });
// Some frames carry no `d` at all: Discord acks a heartbeat with `{"op": 11}`.
const frame = z.looseObject({ op: z.number().int(), t: z.string().nullish(), d: z.unknown().optional() });

export interface Unreadable {
  /** The dispatch's event name, or `op <n>` for other frames. */
  event: string;
  /** What is wrong, in a few words: a path and zod's message, never a value from the frame. */
  problem: string;
}

/** Why discord.js could not read this frame, or undefined when it can. */
export function unreadable(payload: unknown): Unreadable | undefined {
  const outer = frame.safeParse(payload);
  if (!outer.success) return { event: "?", problem: describe(outer.error) };
  const { op, t, d } = outer.data;
  const event = op === 0 && t ? t : `op ${op}`;
  // Every dispatch but RESUMED (whose data discord.js ignores) is an object.
  if (op === 0 && t !== "RESUMED" && (typeof d !== "object" || d === null || Array.isArray(d)))
    return { event, problem: "d: not an object" };
  const shape = op === 0 && t ? DISPATCH[t] : op === HELLO ? hello : undefined;
  const checked = shape?.safeParse(d);
  return checked && !checked.success ? { event, problem: describe(checked.error) } : undefined;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "unreadable";
  const path = issue.path.map(String).join(".").slice(0, 80);
  return `${path || "frame"}: ${issue.message.slice(0, 100)}`;
}
