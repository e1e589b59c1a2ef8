/**
 * The record types Insats can cull, and how a person's data maps to one. A rule (gallring_rule)
 * names one of these; an unknown type is refused with a Swedish message.
 *
 * - personakt_sol: a person whose income source is försörjningsstöd, so the insats falls under SoL
 *   and SoLPuL (DOMAIN.md §8).
 * - personakt_ame: everyone else: purely municipal labour-market work under the dokumenthanteringsplan.
 */
export const RECORD_TYPES = ['personakt_sol', 'personakt_ame'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const RECORD_TYPE_LABELS: Record<RecordType, string> = {
  personakt_sol: 'Personakt inom socialtjänsten (försörjningsstöd)',
  personakt_ame: 'Personakt inom kommunal arbetsmarknadsverksamhet',
};

export function isRecordType(value: string): value is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(value);
}

export function recordTypeOf(incomeSource: string | null): RecordType {
  return incomeSource === 'forsorjningsstod' ? 'personakt_sol' : 'personakt_ame';
}
