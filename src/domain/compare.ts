/**
 * Orders two strings by their UTF-16 code units, the order of JavaScript's `<` on strings and of
 * `Array.prototype.sort()` without a comparator. It does not depend on locale, ICU data or the
 * machine, so it is what deterministic keys need: the canonical JSON hashed into the audit chain,
 * outcome-rollup keys, ids and ISO dates. Not for display: lists people read are sorted with
 * `swedish-sort` (or `Intl.Collator('sv')`). Note that UTF-16 order differs from code-point (UTF-8
 * byte, `COLLATE "C"`) order for characters above U+FFFF against U+E000–U+FFFF.
 *
 * Negative if a sorts first, 0 exactly when `a === b`, positive if b sorts first.
 */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
