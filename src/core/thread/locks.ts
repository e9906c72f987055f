/**
 * One thread post per target at a time: two moderators posting into the same channel at once, or
 * two re-runs in one half-posted thread, would each post every part. Held in process by the bot
 * (one replica); the scale-out work puts the same interface on shared state.
 */
export interface PostLocks {
  /** Takes `key`, resolving with its release, or undefined when a post already holds it. */
  take(key: string): Promise<(() => void) | undefined>;
}

export class LocalPostLocks implements PostLocks {
  private readonly held = new Set<string>();

  async take(key: string): Promise<(() => void) | undefined> {
    if (this.held.has(key)) return undefined;
    this.held.add(key);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held.delete(key);
    };
  }

  get size(): number {
    return this.held.size;
  }
}
