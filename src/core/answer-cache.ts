/**
 * Handlers are pure, so the same command with the same options gets the same outcome: members ask
 * the same questions (/quote grants) over and over, and a cached outcome costs nothing. Outcomes
 * are frozen when stored: a slip that would change another member's answer throws instead.
 */
import { LRUCache } from "lru-cache";
import { deepFreeze } from "./deep-freeze.js";
import type { Outcome } from "./reply.js";

export class AnswerCache {
  private readonly entries: LRUCache<string, Outcome>;

  constructor(max = 500) {
    this.entries = new LRUCache<string, Outcome>({ max });
  }

  get(key: string): Outcome | undefined {
    return this.entries.get(key);
  }

  set(key: string, outcome: Outcome): Outcome {
    const frozen = deepFreeze(outcome);
    this.entries.set(key, frozen);
    return frozen;
  }
}
