/** Programme API for the web pages. Shapes follow src/features/programmes/read-programmes.ts. */
import { api } from '../../api.ts';
import { purposeHeaders } from '../participants/api.ts';

export const KINDS = ['anstallning', 'aktivitet', 'utbildning'] as const;
export const ELIGIBILITY_INCOME = ['forsorjningsstod', 'aktivitetsstod', 'ingen', 'annan'] as const;
export const PRIORITY_GROUPS = ['barnfamilj', 'ung_vuxen', 'langvarigt_bistand'] as const;
export const EXIT_REASONS = [
  'arbete',
  'studier',
  'annan_insats',
  'flytt',
  'sjukdom',
  'avbrott',
  'annat',
] as const;
export const EXIT_INCOME = [
  'forsorjningsstod',
  'aktivitetsstod',
  'lon',
  'studiemedel',
  'ingen',
  'annan',
] as const;
export const ADJUSTMENT_KINDS = ['sjukdom', 'foraldraledighet', 'forlangning', 'annat'] as const;
export { FOLLOW_UP_OUTCOMES } from '../../../features/programmes/follow-up-outcomes.ts';

export interface Eligibility {
  incomeSources?: string[];
  minAge?: number;
  maxAge?: number;
  speaksOneOf?: string[];
  municipalityCodes?: string[];
}

export interface ProgrammeBase {
  id: string;
  code: string;
  name: string;
  kind: string;
  unitId: string;
  maxLengthMonths: number | null;
  capacityMode: 'annual' | 'concurrent' | null;
  eligibility: Eligibility;
  priorityGroups: string[];
  followUpMonths: number[];
  responsibleCommittee: string | null;
  description: string | null;
  active: boolean;
}

export interface ProgrammeSummary extends ProgrammeBase {
  capacityToday: number | null;
  placesUsedThisYear: number;
}

export interface IntakeSummary {
  id: string;
  name: string;
  startsOn: string;
  applicationsOpen: string | null;
  applicationsClose: string | null;
  places: number | null;
  placesLeft: number | null;
  waiting: number;
}

export interface ProgrammeDetail extends ProgrammeBase {
  counts: {
    enrolled: number;
    waiting: number;
    exited: number;
    exitsByReason: Record<string, number>;
    followUpsDue: number;
  };
  phases: { seq: number; code: string; name: string; weeks: number | null; months: number | null }[];
  capacities: { validFrom: string; places: number }[];
  tracks: { id: string; code: string; name: string; ssykCodes: string[] }[];
  intakes: IntakeSummary[];
}

export interface BoardRow {
  enrolmentId: string;
  position: number;
  personId: string | null;
  name: string | null;
  priorityRank: number;
  referredOn: string | null;
  startDate: string | null;
  status: string;
}

export interface IntakeBoard {
  intake: { id: string; name: string; startsOn: string; places: number | null };
  programme: { id: string; code: string; name: string };
  placesLeft: number | null;
  overBooked: number;
  enrolled: BoardRow[];
  waiting: BoardRow[];
}

export interface EnrolResult {
  id: string;
  status: 'enrolled' | 'waitlisted';
  startDate: string | null;
  plannedEndDate: string | null;
  priorityRank: number;
}

export interface PersonEnrolment {
  id: string;
  programme: { id: string; code: string; name: string };
  intakeId: string | null;
  status: string;
  referredOn: string | null;
  startDate: string | null;
  plannedEndDate: string | null;
  exitDate: string | null;
  exitReason: string | null;
  exitEmploymentForm: string | null;
  incomeSourceAtExit: string | null;
  programmePhases: { code: string; name: string }[];
  phases: { seq: number; code: string; startedOn: string; endedOn: string | null }[];
  adjustments: {
    id: string;
    kind: string;
    fromDate: string;
    toDate: string | null;
    days: number;
    reason: string | null;
    newPlannedEnd: string | null;
  }[];
  followUps: {
    id: string;
    monthsAfterExit: number;
    dueOn: string;
    status: string;
    outcome: string | null;
    incomeSource: string | null;
  }[];
}

const enc = encodeURIComponent;

export const programmesApi = {
  catalogue: (signal?: AbortSignal) =>
    api.get<{ year: number; programmes: ProgrammeSummary[] }>('/api/programmes', { signal }),
  programme: (id: string, signal?: AbortSignal) =>
    api.get<ProgrammeDetail>(`/api/programmes/${enc(id)}`, { signal }),
  create: (body: unknown) => api.post<{ id: string }>('/api/programmes', body),
  createIntakeSeries: (programmeId: string, body: unknown) =>
    api.post<{ created: { id: string; startsOn: string }[]; skipped: string[] }>(
      `/api/programmes/${enc(programmeId)}/intake-series`,
      body,
    ),
  createIntake: (programmeId: string, body: unknown) =>
    api.post<{ id: string }>(`/api/programmes/${enc(programmeId)}/intakes`, body),
  dueFollowUps: (programmeId: string, signal?: AbortSignal) =>
    api.get<{
      followUps: {
        id: string;
        personId: string | null;
        name: string | null;
        monthsAfterExit: number;
        dueOn: string;
        exitDate: string | null;
      }[];
    }>(`/api/programmes/${enc(programmeId)}/follow-ups/due`, { signal }),
  admit: (enrolmentId: string) =>
    api.post<{ id: string; status: 'enrolled'; startDate: string; plannedEndDate: string | null }>(
      `/api/enrolments/${enc(enrolmentId)}/admit`,
      {},
    ),
  board: (intakeId: string, signal?: AbortSignal) =>
    api.get<IntakeBoard>(`/api/intakes/${enc(intakeId)}/board`, { signal }),
  enrol: (programmeId: string, body: unknown, purpose: string | null) =>
    api.post<EnrolResult>(`/api/programmes/${enc(programmeId)}/enrolments`, body, {
      headers: purposeHeaders(purpose),
    }),
  personEnrolments: (personId: string, purpose: string | null, signal?: AbortSignal) =>
    api.get<{ enrolments: PersonEnrolment[] }>(`/api/participants/${enc(personId)}/enrolments`, {
      headers: purposeHeaders(purpose),
      signal,
    }),
  changePhase: (enrolmentId: string, body: unknown, purpose: string | null) =>
    api.post<void>(`/api/enrolments/${enc(enrolmentId)}/phase`, body, { headers: purposeHeaders(purpose) }),
  adjust: (enrolmentId: string, body: unknown, purpose: string | null) =>
    api.post<{ plannedEndDate: string | null }>(`/api/enrolments/${enc(enrolmentId)}/adjustments`, body, {
      headers: purposeHeaders(purpose),
    }),
  exit: (enrolmentId: string, body: unknown, purpose: string | null) =>
    api.post<{ followUps: { monthsAfterExit: number; dueOn: string }[] }>(
      `/api/enrolments/${enc(enrolmentId)}/exit`,
      body,
      { headers: purposeHeaders(purpose) },
    ),
  recordFollowUp: (followUpId: string, body: unknown, purpose: string | null) =>
    api.post<void>(`/api/follow-ups/${enc(followUpId)}`, body, { headers: purposeHeaders(purpose) }),
};

export { fieldIssues } from '../../components/forms.ts';
