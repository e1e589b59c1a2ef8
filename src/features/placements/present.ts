import type { Selectable } from 'kysely';
import type { PlacementTable } from '../../db/schema.ts';
import type { PersonRow } from '../participants/access.ts';

/**
 * Presenters are allow-lists. `presentPlacement` is the staff view (after authorizePerson);
 * `presentForWorkplace` is what a workplace and its supervisor may be told about a placement.
 */

export function presentPlacement(
  p: Selectable<PlacementTable>,
  parts: {
    personName: string;
    programme: { id: string; name: string; kind: string };
    workplaceName: string;
    supervisorName: string | null;
  },
) {
  const hasEmployment = [
    p.employment_form,
    p.hours_per_week,
    p.monthly_salary_sek,
    p.employer_cost_factor,
    p.subsidy_kind,
  ].some((v) => v !== null);
  const employerCost =
    p.monthly_salary_sek !== null && p.employer_cost_factor !== null
      ? Math.round(p.monthly_salary_sek * p.employer_cost_factor)
      : null;
  return {
    id: p.id,
    enrolmentId: p.enrolment_id,
    person: { id: p.person_id, name: parts.personName },
    programme: parts.programme,
    workplace: { id: p.workplace_id, name: parts.workplaceName },
    supervisor:
      p.supervisor_id && parts.supervisorName ? { id: p.supervisor_id, name: parts.supervisorName } : null,
    slotId: p.slot_id,
    startDate: p.start_date,
    endDate: p.end_date,
    status: p.status as 'aktiv' | 'avbruten',
    shareNameWithWorkplace: p.share_name_with_workplace,
    employment: hasEmployment
      ? {
          form: p.employment_form,
          hoursPerWeek: p.hours_per_week,
          monthlySalarySek: p.monthly_salary_sek,
          employerCostFactor: p.employer_cost_factor,
          monthlyEmployerCostSek: employerCost,
          subsidy: p.subsidy_kind
            ? {
                kind: p.subsidy_kind,
                decisionId: p.subsidy_decision_id,
                monthlyAmountSek: p.subsidy_monthly_sek,
                from: p.subsidy_from,
                to: p.subsidy_to,
              }
            : null,
          netMonthlyCostSek: employerCost === null ? null : employerCost - (p.subsidy_monthly_sek ?? 0),
        }
      : null,
    note: p.note,
  };
}

export type PlacementView = ReturnType<typeof presentPlacement>;

/**
 * The workplace's view: dates, hours, supervisor, and of the participant only what the placement
 * needs. A person with protected identity (any grade but 'none') never has address, phone or e-mail
 * here, and their name only with consent the case worker recorded. Without the flag nobody's name or
 * contact details are given.
 * Nothing here reveals the protection grade itself.
 */
export function presentForWorkplace(
  p: Selectable<PlacementTable>,
  person: Pick<PersonRow, 'first_name' | 'last_name' | 'phone' | 'email' | 'protection_level'>,
  parts: { workplaceName: string; supervisorName: string | null },
) {
  const isProtected = person.protection_level !== 'none';
  // A protected person's name needs consent recorded by the case worker; the default set when the
  // placement was made (for a person who was not protected then) is not consent.
  const showName = p.share_name_with_workplace && (!isProtected || p.name_consent_recorded_at !== null);
  const showContact = showName && !isProtected;
  return {
    placement: { startDate: p.start_date, endDate: p.end_date, hoursPerWeek: p.hours_per_week },
    workplace: { name: parts.workplaceName },
    supervisor: parts.supervisorName ? { name: parts.supervisorName } : null,
    participant: {
      name: showName ? `${person.first_name} ${person.last_name}` : null,
      phone: showContact ? person.phone : null,
      email: showContact ? person.email : null,
    },
  };
}
