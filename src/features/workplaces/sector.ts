/**
 * Sector of a workplace: an SNI 2007 code (DOMAIN.md §3.3) and/or a free label. The shipped JobTech
 * SNI list carries no SNI codes (codelists/README.md), so codes are checked by shape only: a section
 * letter A–U, or a division (2 digits), group (58.1), class (58.13) or detail group (58.131). Digits
 * without the dot (`58131`) are accepted and stored with it.
 */

export const SNI_SYSTEM = 'SNI2007';
export const SNI_VERSION = '2007';

export type SniResult = { ok: true; code: string } | { ok: false; message: { sv: string; en: string } };

export function parseSniCode(input: string): SniResult {
  const text = input.trim().toUpperCase();
  if (/^[A-U]$/.test(text)) return { ok: true, code: text };
  const dotted = /^(\d{2})(?:\.(\d{1,3}))?$/.exec(text);
  if (dotted) return { ok: true, code: dotted[2] ? `${dotted[1]}.${dotted[2]}` : dotted[1]! };
  const plain = /^(\d{2})(\d{1,3})$/.exec(text);
  if (plain) return { ok: true, code: `${plain[1]}.${plain[2]}` };
  return {
    ok: false,
    message: {
      sv: 'Ange SNI 2007-koden som en avdelningsbokstav (A–U) eller 2–5 siffror, t.ex. 87 eller 87.301.',
      en: 'Give the SNI 2007 code as a section letter (A–U) or 2–5 digits, e.g. 87 or 87.301.',
    },
  };
}

/** Sector labels are compared and counted in this form (`Vård & omsorg` ~ `vard omsorg`). */
export function normalizeSectorLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ');
}
