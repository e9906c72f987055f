/**
 * Discord's and Slack's three-second answer under a burst is a speed target, and tests never
 * assert wall-clock times: in `npm test` the burst files check that every answer arrives once and
 * is right, with the platforms' deadline lifted, and `npm run soak` (SOAK=1) runs the same files
 * holding each answer to the real three seconds. `npm run bench` reports the burst latencies.
 */
export const SOAK = process.env.SOAK === "1";

/** Discord's and Slack's deadline for a first answer. */
export const PLATFORM_DEADLINE_MS = 3_000;

/** How long the fakes wait for an answer: the real deadline under soak, otherwise two minutes. */
export const burstDeadlineMs = SOAK ? PLATFORM_DEADLINE_MS : 120_000;
