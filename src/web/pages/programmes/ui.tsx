import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { hasAnyRole, type RoleCode } from '../../types.ts';
import { type PgText, pgText } from './texts.ts';
import './programmes.css';

export function usePg(): PgText {
  const { language } = useI18n();
  return pgText(language);
}

/** A date as the user's locale shows it; '–' when missing. */
export function useFormatDate() {
  const { language } = useI18n();
  return (iso: string | null | undefined) =>
    iso
      ? new Date(`${iso}T00:00:00Z`).toLocaleDateString(language === 'en' ? 'en-GB' : 'sv-SE', {
          timeZone: 'UTC',
        })
      : '–';
}

export function capacityText(
  p: PgText,
  mode: 'annual' | 'concurrent' | null,
  places: number | null | undefined,
): string {
  if (!mode || places === null || places === undefined) return p('capacity.unlimited');
  return p(mode === 'annual' ? 'capacity.annual' : 'capacity.concurrent', { places });
}

export function lengthText(p: PgText, weeks: number | null | undefined, months: number | null | undefined) {
  if (weeks) return p('detail.weeks', { count: weeks });
  if (months) return p('detail.months', { count: months });
  return p('detail.openEnded');
}

/** Splits "a, b , c" into ['a','b','c']. */
export const splitList = (v: string): string[] =>
  v
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Integer from a text field: null when empty, NaN when not a whole number. */
export function parseInteger(v: string): number | null {
  const t = v.trim();
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** Whether the signed-in user holds any of the roles (the server checks again). */
export function useHasRole(roles: readonly RoleCode[]): boolean {
  const { user } = useSession();
  return user ? hasAnyRole(user, roles) : false;
}

/** Mirrors src/features/programmes/policy.ts and participants' write rule. */
export const MANAGE_ROLES = ['enhetschef', 'administrator'] as const;
export const BOARD_ROLES = ['handlaggare', 'enhetschef', 'studie_yrkesvagledare'] as const;
export const WRITE_PERSON_ROLES = ['handlaggare', 'enhetschef'] as const;

export { type FieldIssue, issuesByPath, useSubmit } from '../../components/forms.ts';
