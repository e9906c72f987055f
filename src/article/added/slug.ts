/**
 * An added article's short name from its title: what moderators type in `/article use <name>`
 * and the `article` option, so lowercase ASCII letters, digits and single hyphens, at most five
 * words and 40 characters ("Café owners say “no” to the new plan" → "cafe-owners-say-no-to").
 * Accents are dropped to their letters; apostrophes vanish inside words (mayor's → mayors).
 * Unique names are the shelf's job (`name-2`, …), not this one's.
 */

export const SLUG_MAX = 40;
const MAX_WORDS = 5;
/** For a title with no ASCII letter at all (all digits, another script, only symbols). */
export const FALLBACK_SLUG = "article";

export function slugify(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "") // combining accents, once NFKD has split them off
    .toLowerCase()
    .replace(/(?<=[a-z0-9])['’ʼ](?=[a-z])/gu, "")
    .split(/[^a-z0-9]+/u)
    .filter((w) => w !== "");
  if (!words.some((w) => /[a-z]/u.test(w))) return FALLBACK_SLUG;
  let slug = "";
  for (const word of words.slice(0, MAX_WORDS)) {
    const next = slug === "" ? word : `${slug}-${word}`;
    if (next.length > SLUG_MAX) break;
    slug = next;
  }
  // A first word longer than the limit is cut rather than dropped.
  return slug === "" ? (words[0] ?? FALLBACK_SLUG).slice(0, SLUG_MAX) : slug;
}
