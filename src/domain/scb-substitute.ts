/**
 * SCB substitute numbers for ESF reporting of participants with protected identity
 * (DOMAIN.md §2.6; scb.se/lamna-uppgifter/undersokningar/Europeiska-socialfonden/, FAQ).
 *
 * The substitute is the date of birth `ÅÅÅÅMMDD` followed by a fixed four-character suffix:
 * `TF29` for women (from SCB's FAQ). The suffix for men is NOT confirmed (DOMAIN.md §10 question 6),
 * so there is deliberately no default for it: the caller must pass it from configuration, and every
 * call throws until it is configured. Never guess it.
 *
 * Notes for the export:
 * - Two protected participants of the same sex born on the same day get the same substitute number;
 *   the export must not use it as a unique key.
 * - The export must write this number instead of the real one and never write both.
 */

import { requireIsoDate } from './iso-date.ts';
import type { LegalSex } from './personnummer.ts';

/** The women's suffix as given in SCB's ESF FAQ. */
export const SCB_SUBSTITUTE_SUFFIX_WOMEN_DEFAULT = 'TF29';

export interface ScbSubstituteSuffixes {
  /** Defaults to {@link SCB_SUBSTITUTE_SUFFIX_WOMEN_DEFAULT}. */
  readonly women?: string;
  /** Required, from configuration (unverified with SCB; there is no default). */
  readonly men: string;
}

const SUFFIX_PATTERN = /^[A-Z0-9]{4}$/;

export class ScbSubstituteConfigError extends Error {
  override readonly name = 'ScbSubstituteConfigError';
}

function checkSuffix(suffix: string, who: string): string {
  if (!SUFFIX_PATTERN.test(suffix)) {
    throw new ScbSubstituteConfigError(
      `Ogiltigt suffix för SCB:s ersättningsnummer (${who}): "${suffix}". Suffixet ska vara fyra tecken A–Z eller 0–9.`,
    );
  }
  return suffix;
}

/**
 * Validates the configured suffixes and returns them complete. Throws
 * {@link ScbSubstituteConfigError} (Swedish message) if the men's suffix is missing or malformed.
 */
export function resolveScbSubstituteSuffixes(
  suffixes: Partial<ScbSubstituteSuffixes> | undefined,
): Required<ScbSubstituteSuffixes> {
  const men = suffixes?.men?.trim();
  if (!men) {
    throw new ScbSubstituteConfigError(
      'SCB:s ersättningsnummer kan inte skapas: suffixet för män är inte konfigurerat. ' +
        'SCB har inte bekräftat vilket suffix som gäller för män; hämta det från SCB och ange det i inställningarna.',
    );
  }
  const women = checkSuffix(suffixes?.women?.trim() || SCB_SUBSTITUTE_SUFFIX_WOMEN_DEFAULT, 'kvinnor');
  if (checkSuffix(men, 'män') === women) {
    throw new ScbSubstituteConfigError(
      'Suffixen för kvinnor och män i SCB:s ersättningsnummer får inte vara lika.',
    );
  }
  return { women, men };
}

/**
 * The substitute number `ÅÅÅÅMMDD` + suffix, e.g. `19800101TF29` for a woman born 1980-01-01.
 *
 * `suffixes` is typed as required so that callers have to wire up configuration; it is still
 * checked at run time (configuration often comes from untyped sources) and the function throws
 * whenever the men's suffix is missing, also for women, so a broken configuration is found at once.
 * `sex` is legal sex K/M: SCB's scheme has no suffix for other values, so those must be handled
 * by the caller.
 */
export function scbSubstituteNumber(
  birthDate: string,
  sex: LegalSex,
  suffixes: ScbSubstituteSuffixes,
): string {
  const resolved = resolveScbSubstituteSuffixes(suffixes);
  const date = requireIsoDate(birthDate, 'Födelsedatumet');
  if (sex !== 'K' && sex !== 'M') {
    throw new RangeError('SCB:s ersättningsnummer finns bara för kön K (kvinna) och M (man).');
  }
  const ymd = `${String(date.year).padStart(4, '0')}${String(date.month).padStart(2, '0')}${String(date.day).padStart(2, '0')}`;
  return `${ymd}${sex === 'K' ? resolved.women : resolved.men}`;
}
