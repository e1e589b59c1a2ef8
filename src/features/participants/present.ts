import type { Role } from '../../context.ts';
import type { ProtectionLevel } from '../../db/schema.ts';
import { formatPersonnummer } from '../../domain/personnummer.ts';
import type { PersonRow } from './access.ts';

/**
 * Presenters are allow-lists: a field group reaches a response only if the viewer's role is listed for
 * it. The role is the grant that authorised the access (`PersonAccess.grant.role`). Protected persons'
 * address and contact details are masked here, once, for every role — they are released only through
 * the audited "visa adress" action.
 */
export const FIELD_GROUPS = {
  /** Name, identity number, birth date, sex, status, unit, case worker, protection grade. */
  identity: ['handlaggare', 'enhetschef', 'jobbmaklare', 'studie_yrkesvagledare'],
  contact: ['handlaggare', 'enhetschef', 'jobbmaklare', 'studie_yrkesvagledare'],
  skills: ['handlaggare', 'enhetschef', 'jobbmaklare', 'studie_yrkesvagledare'],
  /** Free text on adjustment needs: the team roles only, never jobbmäklare. */
  adjustmentNeeds: ['handlaggare', 'enhetschef', 'studie_yrkesvagledare'],
  /** Income source before start, months with ekonomiskt bistånd, a-kassa. */
  economy: ['handlaggare', 'enhetschef'],
  household: ['handlaggare', 'enhetschef'],
  identityHistory: ['handlaggare', 'enhetschef'],
} as const satisfies Record<string, readonly Role[]>;

export type FieldGroup = keyof typeof FIELD_GROUPS;

export function mayView(role: Role, group: FieldGroup): boolean {
  return (FIELD_GROUPS[group] as readonly Role[]).includes(role);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export interface CodeName {
  name: string;
  nameLang: string;
}

export interface PersonPageData {
  person: PersonRow;
  languages: { code: string; name: string | null; needsInterpreter: boolean }[];
  educationLevel: { code: string; name: string | null; nameLang: string | null } | null;
  occupations: {
    interest: { code: string; name: string | null; nameLang: string | null }[];
    experience: { code: string; name: string | null; nameLang: string | null }[];
  };
  akassa: { code: string; name: string | null; memberSince: string | null } | null;
  household: {
    id: string;
    childrenAtHome: number;
    children: { birthYearMonth: string }[];
    members: { id: string; firstName: string; lastName: string; isPartner: boolean }[];
  } | null;
  partner: { id: string; firstName: string; lastName: string } | null;
  history: { personnummer: string; identityKind: string; validTo: string }[];
  unit: { id: string; name: string };
  team: { id: string; name: string } | null;
  caseWorker: { id: string; name: string } | null;
  viewer: { role: Role; canWrite: boolean; canManageProtection: boolean };
  today: string;
}

/** The person page for one viewer. */
export function presentPerson(d: PersonPageData) {
  const p = d.person;
  const role = d.viewer.role;
  const isProtected = p.protection_level !== 'none';
  const out: Record<string, unknown> = {
    id: p.id,
    firstName: p.first_name,
    lastName: p.last_name,
    personnummer: p.personnummer,
    personnummerDisplay: formatPersonnummer(p.personnummer, d.today),
    identityKind: p.identity_kind,
    identityStatus: p.identity_status,
    birthDate: p.birth_date,
    sex: p.sex,
    status: p.status,
    protection: { level: p.protection_level as ProtectionLevel, source: p.protection_source },
    unit: d.unit,
    team: d.team,
    caseWorker: d.caseWorker,
    lastContactAt: iso(p.last_contact_at),
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
    languages: [] as PersonPageData['languages'],
    viewer: d.viewer,
  };
  if (mayView(role, 'contact')) {
    out.contact = isProtected
      ? { masked: true }
      : {
          masked: false,
          email: p.email,
          phone: p.phone,
          address: presentAddress(p),
          municipalityCode: p.municipality_code,
        };
  }
  if (mayView(role, 'skills')) {
    out.languages = d.languages;
    out.educationLevel = d.educationLevel;
    out.occupations = d.occupations;
    out.drivingLicences = p.driving_licences;
  }
  if (mayView(role, 'adjustmentNeeds')) out.adjustmentNeeds = p.adjustment_needs;
  if (mayView(role, 'economy')) {
    out.incomeSource = p.income_source;
    out.assistanceMonths = p.assistance_months;
    out.akassa = d.akassa;
  }
  if (mayView(role, 'household')) {
    out.household = d.household;
    out.partner = d.partner;
  }
  if (mayView(role, 'identityHistory')) out.identityHistory = d.history;
  return out;
}

export function presentAddress(
  p: Pick<PersonRow, 'address_street' | 'address_postal_code' | 'address_city'>,
) {
  if (p.address_street === null && p.address_postal_code === null && p.address_city === null) return null;
  return { street: p.address_street, postalCode: p.address_postal_code, city: p.address_city };
}

/** Contact details released by the audited "visa adress" action. */
export function presentContact(p: PersonRow) {
  return {
    email: p.email,
    phone: p.phone,
    address: presentAddress(p),
    municipalityCode: p.municipality_code,
  };
}

export interface CaseloadRow {
  id: string;
  first_name: string;
  last_name: string;
  personnummer: string;
  birth_date: string;
  status: string;
  last_contact_at: Date | null;
  protection_level: string;
  responsible_unit_id: string;
  unit_name: string;
  case_worker_user_id: string | null;
  case_worker_name: string | null;
}

/** One row of a caseload list: never contact details, for any role or grade. */
export function presentListItem(r: CaseloadRow, today: string) {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    personnummer: formatPersonnummer(r.personnummer, today),
    birthDate: r.birth_date,
    status: r.status,
    lastContactAt: iso(r.last_contact_at),
    caseWorker:
      r.case_worker_user_id && r.case_worker_name
        ? { id: r.case_worker_user_id, name: r.case_worker_name }
        : null,
    unit: { id: r.responsible_unit_id, name: r.unit_name },
    protected: r.protection_level !== 'none',
  };
}
