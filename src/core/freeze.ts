/**
 * Outcomes are cached and shared between members (see dispatch), so they are frozen: a slip that
 * would change someone else's answer throws instead. Renderers can then render each shared outcome
 * once per platform.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** `render`, done once per frozen (shared) outcome; other outcomes are rendered every time. */
export function renderOnce<O extends object, R>(render: (outcome: O) => R): (outcome: O) => R {
  const rendered = new WeakMap<O, R>();
  return (outcome) => {
    const known = rendered.get(outcome);
    if (known !== undefined) return known;
    const result = render(outcome);
    if (Object.isFrozen(outcome)) rendered.set(outcome, deepFreeze(result));
    return result;
  };
}
