import type { GallringTrigger } from '../../domain/gallring.ts';

/**
 * The record types Insats can cull, and how data maps to one. A rule (gallring_rule) names one of
 * these; an unknown type, or a trigger the type has no date for, is refused with a Swedish message.
 *
 * - personakt_sol: a person whose income source is försörjningsstöd, so the insats falls under SoL
 *   and SoLPuL (DOMAIN.md §8).
 * - personakt_ame: everyone else: purely municipal labour-market work under the dokumenthanteringsplan.
 * - ansokan_feriearbete: one summer-job application (feriearbete/feriepraktik) with what hangs on it:
 *   ranked choices, links, offers with reported hours, and the mails sent about it. Made by a youth who
 *   need not be in the participant register, so it is culled on its own rule, not with a personakt.
 *   Purely municipal work (not SoL): the kommun's dokumenthanteringsplan decides. DOMAIN.md names no
 *   period. Suggested rule (the nämnd's decision sets the real one): trigger season_end, 2 years, i.e.
 *   culled 2 years after the season's last day: the next season has been run, appeals and questions
 *   about the allocation have been handled, and the hours have long reached
 *   payroll, which keeps its own records under bokföringslagen.
 */
export const RECORD_TYPES = ['personakt_sol', 'personakt_ame', 'ansokan_feriearbete'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const RECORD_TYPE_LABELS: Record<RecordType, string> = {
  personakt_sol: 'Personakt inom socialtjänsten (försörjningsstöd)',
  personakt_ame: 'Personakt inom kommunal arbetsmarknadsverksamhet',
  ansokan_feriearbete: 'Ansökan om feriearbete (med val, länkar, erbjudanden och timmar)',
};

/** The triggers each record type has a date for; a rule with another trigger would never cull anything. */
export const RECORD_TYPE_TRIGGERS: Record<RecordType, readonly GallringTrigger[]> = {
  personakt_sol: ['last_entry', 'last_contact', 'exit'],
  personakt_ame: ['last_entry', 'last_contact', 'exit'],
  ansokan_feriearbete: ['season_end', 'last_entry'],
};

/** The record type whose records are summer-job applications (ids of summer_application), not persons. */
export const SUMMER_APPLICATION = 'ansokan_feriearbete' satisfies RecordType;

export function isRecordType(value: string): value is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(value);
}

export function recordTypeOf(incomeSource: string | null): RecordType {
  return incomeSource === 'forsorjningsstod' ? 'personakt_sol' : 'personakt_ame';
}
