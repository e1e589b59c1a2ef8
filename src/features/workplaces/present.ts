import type { Selectable } from 'kysely';
import type {
  WorkplaceAgreementTable,
  WorkplaceComplianceCheckTable,
  WorkplaceSlotTable,
  WorkplaceSupervisorTable,
  WorkplaceTable,
} from '../../db/schema.ts';
import { formatOrganisationsnummer } from '../../domain/orgnr.ts';
import type { AgreementType, WorkplaceKind } from './schema.ts';

/** Staff view of a workplace (jobbmäklare, handläggare, enhetschef). Holds no participant data. */
export function presentWorkplace(
  w: Selectable<WorkplaceTable>,
  parts: {
    occupations: { ssyk_code: string; ssyk_version: string; name: string | null }[];
    supervisors: Selectable<WorkplaceSupervisorTable>[];
    agreements: Selectable<WorkplaceAgreementTable>[];
    checks: Selectable<WorkplaceComplianceCheckTable>[];
    slots: (Selectable<WorkplaceSlotTable> & { ssyk_name: string | null })[];
  },
  referenceDate: string,
) {
  const collator = new Intl.Collator('sv');
  return {
    id: w.id,
    kind: w.kind as WorkplaceKind,
    name: w.name,
    organisationsnummer: w.organisationsnummer
      ? formatOrganisationsnummer(w.organisationsnummer, referenceDate)
      : null,
    sector: {
      system: w.sector_system,
      version: w.sector_version,
      code: w.sector_code,
      label: w.sector_label,
    },
    streetAddress: w.street_address,
    postalCode: w.postal_code,
    city: w.city,
    area: w.area,
    note: w.note,
    active: w.active,
    occupations: parts.occupations.map((o) => ({ code: o.ssyk_code, version: o.ssyk_version, name: o.name })),
    supervisors: parts.supervisors
      .map((s) => ({
        id: s.id,
        name: s.name,
        title: s.title,
        phone: s.phone,
        email: s.email,
        active: s.active,
      }))
      .sort((a, b) => Number(b.active) - Number(a.active) || collator.compare(a.name, b.name)),
    agreements: parts.agreements.map((a) => ({
      id: a.id,
      type: a.type as AgreementType,
      validFrom: a.valid_from,
      validTo: a.valid_to,
      reference: a.reference,
      note: a.note,
    })),
    complianceChecks: parts.checks.map((c) => ({
      id: c.id,
      checkedOn: c.checked_on,
      collectiveAgreement: c.collective_agreement,
      criminalRecordExtractRequired: c.criminal_record_extract_required,
      minorsRulesAcknowledged: c.minors_rules_acknowledged,
      riskAssessmentOn: c.risk_assessment_on,
      note: c.note,
      recordedAt: new Date(c.recorded_at).toISOString(),
    })),
    slots: parts.slots.map((s) => ({
      id: s.id,
      periodFrom: s.period_from,
      periodTo: s.period_to,
      places: s.places,
      ssykCode: s.ssyk_code,
      ssykName: s.ssyk_name,
      note: s.note,
    })),
    updatedAt: new Date(w.updated_at).toISOString(),
  };
}

export type WorkplaceView = ReturnType<typeof presentWorkplace>;
