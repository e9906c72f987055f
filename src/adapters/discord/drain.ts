/**
 * Stopping the Discord adapter, the same with the gateway (start.ts) and with HTTP interactions
 * (http/start.ts): the commands in flight finish or are told to stop, then the clients close.
 */

import type { InFlight } from "../../runtime/in-flight.js";
import type { Clients } from "./client.js";
import type { DiscordConfirmations } from "./confirm.js";

/**
 * After a stop, commands in flight get 3 s to finish, then the rest (thread posts) are told to stop
 * and get 1 s to say what was and was not posted: well inside the 5 s main.ts allows.
 */
const SHUTDOWN = { drainMs: 3_000, noteMs: 1_000 };

export async function drainAndClose(
  inFlight: InFlight,
  confirmations: DiscordConfirmations,
  { client, once, agent }: Omit<Clients, "token">,
): Promise<void> {
  await inFlight.drain(SHUTDOWN);
  confirmations.close();
  await client.destroy();
  once.clearHashSweeper();
  once.clearHandlerSweeper();
  await agent.close();
}
