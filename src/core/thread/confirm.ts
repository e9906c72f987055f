/**
 * Preview and confirm for /article post: the plan waits here, under a random id, until the
 * moderator who asked presses Post or Cancel, or it expires. Taking an entry is single-use and
 * atomic, so two presses (a double click, two racing requests, Post after Cancel) post at most
 * once. The store sits behind a small interface, as PostLocks does (locks.ts), so a shared one
 * (Redis) can replace the in-process map when replicas share button presses; every decision goes
 * through `Confirmations.decide`, the one place an audit log hooks in (`onDecision`).
 */
import { randomUUID } from "node:crypto";
import type { Where } from "../records.js";
import type { ThreadPlan } from "../reply.js";

/** Who asked for the post: the only person who may press its buttons. */
export interface Owner {
  id: string;
  /** How to name them to someone else ("Only mod can confirm this post"). */
  name: string;
}

/** One preview waiting for its moderator. `target` is the adapter's (where, and how to answer). */
export interface PendingPost<T = unknown> {
  plan: ThreadPlan;
  owner: Owner;
  target: T;
  /** Where the command ran (workspace or server, channel), for the audit log. */
  where?: Where | undefined;
  /** Milliseconds since the epoch (of the store's clock) after which the buttons do nothing. */
  expires: number;
}

/** What pressing a button found: the entry (now used up), or why nothing happens. */
export type Taken<T = unknown> =
  | { kind: "taken"; entry: PendingPost<T> }
  | { kind: "notOwner"; owner: Owner }
  | { kind: "expired" }
  | { kind: "alreadyTaken" };

/** Where pending posts wait; a shared implementation must make `take` and `drop` atomic. */
export interface PendingPosts {
  put(id: string, entry: PendingPost): Promise<void>;
  /**
   * Takes the entry for `user` at time `now`, once: later calls get alreadyTaken. Someone else
   * gets notOwner and leaves it in place; after `expires` (or for an id it no longer holds), expired.
   */
  take(id: string, user: string, now: number): Promise<Taken>;
  /** Expires the entry if nobody took it yet; true when it was still waiting. */
  drop(id: string): Promise<boolean>;
}

type Slot = { entry: PendingPost; state: "waiting" | "taken" | "expired" };

/** In process (one replica). Bounded: beyond `max` entries the oldest are forgotten (then expired). */
export class LocalPendingPosts implements PendingPosts {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly max = 1_000) {}

  async put(id: string, entry: PendingPost): Promise<void> {
    this.slots.set(id, { entry, state: "waiting" });
    for (const oldest of this.slots.keys()) {
      if (this.slots.size <= this.max) break;
      this.slots.delete(oldest);
    }
  }

  async take(id: string, user: string, now: number): Promise<Taken> {
    const slot = this.slots.get(id);
    if (!slot || slot.state === "expired") return { kind: "expired" };
    if (slot.state === "taken") return { kind: "alreadyTaken" };
    if (now >= slot.entry.expires) {
      slot.state = "expired";
      return { kind: "expired" };
    }
    if (slot.entry.owner.id !== user) return { kind: "notOwner", owner: slot.entry.owner };
    slot.state = "taken";
    return { kind: "taken", entry: slot.entry };
  }

  async drop(id: string): Promise<boolean> {
    const slot = this.slots.get(id);
    if (slot?.state !== "waiting") return false;
    slot.state = "expired";
    return true;
  }

  get size(): number {
    return this.slots.size;
  }
}

/** Time for expiry: the real clock in the bot, one a test moves by hand. */
export interface Clock {
  now(): number;
  /** Runs `task` after `ms`; the returned function cancels it. Must not keep the process alive. */
  after(ms: number, task: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, task) {
    const timer = setTimeout(task, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export type Decision = "asked" | "confirmed" | "cancelled";

/** Told of every preview shown and every press that decided one (for the audit log). */
export type OnDecision = (
  decision: Decision,
  who: Owner,
  plan: ThreadPlan,
  where: { platform: string } & Partial<Where>,
) => void;

export interface ConfirmSettings {
  pending: PendingPosts;
  clock: Clock;
  /** How long the buttons work (Discord's interaction tokens last 15 minutes). */
  ttlMs: number;
  onDecision?: OnDecision | undefined;
}

const CONFIRM_TTL_MS = 15 * 60_000;

export function confirmSettings(options: Partial<ConfirmSettings> = {}): ConfirmSettings {
  return {
    pending: options.pending ?? new LocalPendingPosts(),
    clock: options.clock ?? systemClock,
    ttlMs: options.ttlMs ?? CONFIRM_TTL_MS,
    onDecision: options.onDecision,
  };
}

/** One platform's previews: ask, then decide on each press; `onExpired` edits a preview left alone. */
export class Confirmations<T> {
  private readonly timers = new Set<() => void>();

  constructor(
    private readonly settings: ConfirmSettings,
    private readonly platform: string,
  ) {}

  get ttlMs(): number {
    return this.settings.ttlMs;
  }

  /** Keeps the plan until a press decides it; `onExpired` runs if nobody pressed in time. */
  async ask(
    entry: Omit<PendingPost<T>, "expires">,
    onExpired?: (target: T) => void,
  ): Promise<{ id: string; expires: number }> {
    const { clock, ttlMs } = this.settings;
    const id = randomUUID();
    const expires = clock.now() + ttlMs;
    await this.settings.pending.put(id, { ...entry, expires });
    this.settings.onDecision?.("asked", entry.owner, entry.plan, { platform: this.platform, ...entry.where });
    if (onExpired) {
      const cancel = clock.after(ttlMs, () => {
        this.timers.delete(cancel);
        void this.settings.pending.drop(id).then(
          (waiting) => waiting && onExpired(entry.target),
          () => undefined,
        );
      });
      this.timers.add(cancel);
    }
    return { id, expires };
  }

  /** A press of Post (`confirmed`) or Cancel (`cancelled`) by `user`. */
  async decide(id: string, user: string, decision: "confirmed" | "cancelled"): Promise<Taken<T>> {
    const taken = (await this.settings.pending.take(id, user, this.settings.clock.now())) as Taken<T>;
    if (taken.kind === "taken")
      this.settings.onDecision?.(decision, taken.entry.owner, taken.entry.plan, {
        platform: this.platform,
        ...taken.entry.where,
      });
    return taken;
  }

  /** Stops the expiry timers (the adapter is stopping; its previews can no longer be edited). */
  close(): void {
    for (const cancel of this.timers) cancel();
    this.timers.clear();
  }
}
