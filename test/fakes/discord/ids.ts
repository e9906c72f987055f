const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Snowflake ids as Discord makes them (milliseconds since 2015 shifted left 22 bits), strictly
 * increasing so a burst of thousands in one millisecond still gets unique, ordered ids.
 */
export function snowflakes(): () => string {
  let last = 0n;
  return () => {
    const now = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    last = now > last ? now : last + 1n;
    return last.toString();
  };
}
