/**
 * Participant registry API for the web pages. Shapes follow src/features/participants/present.ts and
 * schema.ts (the presenter decides which fields a role gets, so most are optional here).
 */
import { api } from '../../api.ts';

export { PERSON_STATUSES } from '../../../features/participants/schema.ts';

export type ProtectionLevel = 'none' | 'sekretessmarkering' | 'skyddad_folkbokforing';

export interface CaseloadItem {
  id: string;
  firstName: string;
  lastName: string;
  personnummer: string;
  birthDate: string;
  status: string;
  lastContactAt: string | null;
  caseWorker: { id: string; name: string } | null;
  unit: { id: string; name: string };
  protected: boolean;
}

export interface CaseloadPage {
  items: CaseloadItem[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export interface CodeRef {
  code: string;
  name: string | null;
  nameLang: string | null;
}

export interface Household {
  id: string;
  childrenAtHome: number;
  children: { birthYearMonth: string }[];
  members: { id: string; firstName: string; lastName: string; isPartner: boolean }[];
}

export interface Address {
  street: string | null;
  postalCode: string | null;
  city: string | null;
}

export interface ContactDetails {
  email: string | null;
  phone: string | null;
  address: Address | null;
  municipalityCode: string | null;
}

export interface PersonView {
  id: string;
  firstName: string;
  lastName: string;
  personnummer: string;
  personnummerDisplay: string;
  identityKind: string;
  identityStatus: string;
  birthDate: string;
  sex: string;
  status: string;
  protection: { level: ProtectionLevel; source: string | null };
  contact?: ({ masked: false } & ContactDetails) | { masked: true };
  languages: { code: string; name: string | null; needsInterpreter: boolean }[];
  educationLevel?: CodeRef | null;
  occupations?: { interest: CodeRef[]; experience: CodeRef[] };
  drivingLicences?: string[];
  akassa?: { code: string; name: string | null; memberSince: string | null } | null;
  incomeSource?: string | null;
  /** Months of the last 12 with ekonomiskt bistånd; null = not recorded. */
  assistanceMonths?: number | null;
  adjustmentNeeds?: string | null;
  household?: Household | null;
  partner?: { id: string; firstName: string; lastName: string } | null;
  identityHistory?: { personnummer: string; identityKind: string; validTo: string }[];
  unit: { id: string; name: string };
  team: { id: string; name: string } | null;
  caseWorker: { id: string; name: string } | null;
  lastContactAt: string | null;
  createdAt: string;
  updatedAt: string;
  viewer: { role: string; canWrite: boolean; canManageProtection: boolean };
}

export interface Options {
  readUnits: { id: string; name: string }[];
  registerUnits: { id: string; name: string }[];
  caseWorkers: Record<string, { id: string; name: string }[]>;
  teams: { id: string; unitId: string; name: string }[];
  me: { id: string; name: string };
}

export interface Code {
  code: string;
  name: string;
  nameLang: string;
  level: number | null;
  parent: string | null;
}

export interface AccessEntry {
  userId: string;
  name: string;
  username: string;
  grantedAt: string;
  hasPermission: boolean;
}

export interface ImportIssue {
  line: number;
  column: string | null;
  message: string;
}

/**
 * The purpose travels in the `X-Insats-Purpose` header, percent-encoded (header values are Latin-1),
 * never in the address bar.
 */
export function purposeHeaders(purpose: string | null | undefined): Record<string, string> {
  return purpose ? { 'X-Insats-Purpose': encodeURIComponent(purpose) } : {};
}

export const participantsApi = {
  caseload: (query: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<CaseloadPage>('/api/participants', { query, signal }),
  options: (signal?: AbortSignal) => api.get<Options>('/api/participants/options', { signal }),
  person: (id: string, purpose: string | null, signal?: AbortSignal) =>
    api.get<PersonView>(`/api/participants/${encodeURIComponent(id)}`, {
      headers: purposeHeaders(purpose),
      signal,
    }),
  register: (body: unknown) => api.post<{ id: string }>('/api/participants', body),
  update: (id: string, body: unknown, purpose: string | null) =>
    api.patch<{ id: string }>(`/api/participants/${encodeURIComponent(id)}`, body, {
      headers: purposeHeaders(purpose),
    }),
  revealContact: (id: string, purpose: string) =>
    api.post<ContactDetails>(`/api/participants/${encodeURIComponent(id)}/contact`, { purpose }),
  createHousehold: (id: string, body: unknown, purpose: string | null) =>
    api.post<{ householdId: string }>(`/api/participants/${encodeURIComponent(id)}/household`, body, {
      headers: purposeHeaders(purpose),
    }),
  setChildren: (id: string, body: unknown, purpose: string | null) =>
    api.put<{ householdId: string }>(`/api/participants/${encodeURIComponent(id)}/household/children`, body, {
      headers: purposeHeaders(purpose),
    }),
  changeProtection: (id: string, body: unknown) =>
    api.put<{ level: ProtectionLevel; actorHasPermission: boolean }>(
      `/api/participants/${encodeURIComponent(id)}/protection`,
      body,
    ),
  accessList: (id: string, purpose: string | null, signal?: AbortSignal) =>
    api.get<{ entries: AccessEntry[] }>(`/api/participants/${encodeURIComponent(id)}/access-list`, {
      headers: purposeHeaders(purpose),
      signal,
    }),
  addAccess: (id: string, userId: string, purpose: string | null) =>
    api.post<{ userId: string }>(
      `/api/participants/${encodeURIComponent(id)}/access-list`,
      { userId },
      { headers: purposeHeaders(purpose) },
    ),
  removeAccess: (id: string, userId: string, purpose: string | null) =>
    api.delete<{ userId: string }>(
      `/api/participants/${encodeURIComponent(id)}/access-list/${encodeURIComponent(userId)}`,
      { headers: purposeHeaders(purpose) },
    ),
  codes: (system: string, query: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<{ system: string; version: string; codes: Code[] }>(
      `/api/codelists/${encodeURIComponent(system)}`,
      {
        query,
        signal,
      },
    ),
  importFile: (body: { filename: string; contentBase64: string; responsibleUnitId: string }) =>
    api.post<{ importId: string; imported: number }>('/api/participants/import', body),
};
