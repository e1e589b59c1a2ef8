/**
 * Sort keys whose plain byte order (PostgreSQL `COLLATE "C"`, i.e. UTF-8 byte order = code-point
 * order) equals Swedish collation as `Intl.Collator('sv')` gives it.
 *
 * Why: PGlite has no ICU collations, and the server's default collation need not be Swedish, so
 * `ORDER BY lower(last_name)` puts Å, Ä, Ö in the wrong place (and `lower()` ignores accents and
 * punctuation rules). Paginated lists must be sorted in SQL, so each person row carries a key computed
 * here, in the application, and the database only compares bytes.
 *
 * How: the key has the three levels of the Unicode collation algorithm, one after the other:
 * primary (letters; å ä ö after z; ü as y; æ as ä; ø as ö), then secondary (accents, é after e), then
 * tertiary (case: lower before upper), each as one code point per character, levels separated by a
 * code point lower than every weight. The weights are not hand-written: at start-up the repertoire
 * below is ranked with `Intl.Collator('sv')` at sensitivity `base`, `accent` and `variant`, so the key
 * follows the same ICU data the rest of the app sorts with. Punctuation and spaces are not ignored
 * (ICU's default "non-ignorable"): `de la` < `De la` < `de-la` < `dela`.
 *
 * Limits (documented, tested): exact for strings over {@link SORT_REPERTOIRE} — Basic Latin, Latin-1
 * and Latin Extended-A letters and ASCII punctuation, i.e. the names a Swedish population register
 * holds in Latin script. `ß`, `ĳ` and `þ` are expanded (`ss`, `ij`, `th`) and then tie with their
 * expansion at the case level (ICU puts them just after it); archaic `ŉ` and `ſ` are outside. Characters outside the repertoire (other scripts) sort after all Latin letters by code
 * point, which is close to but not exactly ICU's script order. Ties (equal keys) are broken by the
 * caller, e.g. by row id, so paging is stable.
 */

const collatorBase = new Intl.Collator('sv', { sensitivity: 'base' });
const collatorAccent = new Intl.Collator('sv', { sensitivity: 'accent' });
const collatorVariant = new Intl.Collator('sv', { sensitivity: 'variant' });

/** Characters, after NFC, for which the key equals Intl.Collator('sv') exactly. */
export const SORT_REPERTOIRE: readonly string[] = (() => {
  const chars: string[] = [];
  for (let cp = 0x20; cp <= 0x7e; cp++) chars.push(String.fromCodePoint(cp));
  for (let cp = 0xc0; cp <= 0x17f; cp++) {
    if (cp === 0xd7 || cp === 0xf7 || cp === 0x149 || cp === 0x17f) continue; // × ÷, archaic ŉ ſ
    chars.push(String.fromCodePoint(cp));
  }
  chars.push('\u2019'); // ’ as in O’Brien
  return chars;
})();

/** Characters that ICU collates as two letters; they are replaced before ranking. */
export const EXPANSIONS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ĳ: 'ij',
  Ĳ: 'IJ',
  þ: 'th',
  Þ: 'TH',
};

interface Weights {
  primary: number;
  secondary: number;
  tertiary: number;
}

/** Rank a list of characters into groups of equal value under `compare`. */
function rankGroups(chars: string[], compare: (a: string, b: string) => number): Map<string, number> {
  const sorted = [...chars].sort(compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  sorted.forEach((c, i) => {
    if (i > 0 && compare(sorted[i - 1]!, c) !== 0) rank++;
    ranks.set(c, rank);
  });
  return ranks;
}

const WEIGHTS: ReadonlyMap<string, Weights> = (() => {
  const chars = SORT_REPERTOIRE.filter((c) => !(c in EXPANSIONS));
  const primary = rankGroups(chars, collatorBase.compare);
  const byPrimary = new Map<number, string[]>();
  for (const c of chars) byPrimary.set(primary.get(c)!, [...(byPrimary.get(primary.get(c)!) ?? []), c]);
  const out = new Map<string, Weights>();
  for (const group of byPrimary.values()) {
    const secondary = rankGroups(group, collatorAccent.compare);
    const bySecondary = new Map<number, string[]>();
    for (const c of group)
      bySecondary.set(secondary.get(c)!, [...(bySecondary.get(secondary.get(c)!) ?? []), c]);
    for (const sub of bySecondary.values()) {
      const tertiary = rankGroups(sub, collatorVariant.compare);
      for (const c of sub) {
        out.set(c, { primary: primary.get(c)!, secondary: secondary.get(c)!, tertiary: tertiary.get(c)! });
      }
    }
  }
  return out;
})();

const PRIMARY_COUNT = Math.max(...[...WEIGHTS.values()].map((w) => w.primary)) + 1;

/** Weights are code points from here on; everything below is free for separators. */
const WEIGHT_BASE = 0x30;
const LEVEL_SEPARATOR = '\u0021';
const FIELD_SEPARATOR = '\u0020';
const MAX_CODE_POINT = 0x10ffff;

/** A weight as one code point, skipping the UTF-16 surrogate range (not valid in UTF-8). */
function weightChar(weight: number): string {
  let cp = WEIGHT_BASE + weight;
  if (cp >= 0xd800) cp += 0x800;
  return String.fromCodePoint(Math.min(cp, MAX_CODE_POINT));
}

/** The text as it is keyed: NFC, runs of white space as one space, trimmed, expansions applied. */
export function normalizeSortText(text: string): string {
  return Array.from(text.normalize('NFC').replace(/\s+/gu, ' ').trim())
    .map((c) => EXPANSIONS[c] ?? c)
    .join('');
}

/** The three-level key of one text (see the module comment). */
export function swedishSortKey(text: string): string {
  const chars = Array.from(normalizeSortText(text));
  let p = '';
  let s = '';
  let t = '';
  for (const c of chars) {
    const w = WEIGHTS.get(c);
    if (w) {
      p += weightChar(w.primary);
      s += weightChar(w.secondary);
      t += weightChar(w.tertiary);
    } else {
      // Outside the repertoire: after every ranked character, by code point.
      p += weightChar(PRIMARY_COUNT + c.codePointAt(0)!);
      s += weightChar(0);
      t += weightChar(0);
    }
  }
  return `${p}${LEVEL_SEPARATOR}${s}${LEVEL_SEPARATOR}${t}`;
}

/** Key for a person list sorted by last name, then first name (each compared in full first). */
export function personSortKey(lastName: string, firstName: string): string {
  return `${swedishSortKey(lastName)}${FIELD_SEPARATOR}${swedishSortKey(firstName)}`;
}

/** Compares two keys the way PostgreSQL `COLLATE "C"` does (UTF-8 bytes, i.e. code points). */
export function compareSortKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
