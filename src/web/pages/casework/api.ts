/**
 * Case-work API calls for one person. The shapes come from the server's zod schemas (type-only
 * imports, erased in the bundle), so a change on one side breaks the build on the other.
 *
 * The purpose of a protected person's access travels in the `X-Insats-Purpose` header (percent-encoded,
 * as the registry's pages send it); plain links (the printable plan) carry it as `?purpose=`.
 */

import type { NoteView } from '../../../features/casework/journal/schema.ts';
import type { FormDefinition } from '../../../features/casework/kartlaggning/form-rules.ts';
import type {
  FormDetailView,
  FormSummaryView,
  KartlaggningView,
} from '../../../features/casework/kartlaggning/schema.ts';
import type { MeetingView, StaffView } from '../../../features/casework/meetings/schema.ts';
import type { PlanView } from '../../../features/casework/plan/schema.ts';
import type { ReferralView } from '../../../features/casework/referrals/schema.ts';
import { api } from '../../api.ts';
import { purposeHeaders } from '../participants/api.ts';

export type { Question } from '../../../features/casework/kartlaggning/form-rules.ts';
export type {
  FormDefinition,
  FormDetailView,
  FormSummaryView,
  KartlaggningView,
  MeetingView,
  NoteView,
  PlanView,
  ReferralView,
  StaffView,
};

/** The part of the person page's tab props (participants/personTabs.ts) the case-work tabs use. */
export interface CaseworkTabProps {
  /** The person whose case is shown. */
  personId: string;
  /** The stated purpose, when the person is protected (the person page asks for it). */
  purpose?: string | null;
}

export function personBase(personId: string): string {
  return `/api/participants/${encodeURIComponent(personId)}`;
}

/** Link to the printable plan (a plain link, so the purpose goes in the query string). */
export function planPdfHref(personId: string, purpose?: string | null): string {
  const base = `${personBase(personId)}/plan.pdf`;
  return purpose ? `${base}?purpose=${encodeURIComponent(purpose)}` : base;
}

export function caseworkApi(personId: string, purpose?: string | null) {
  const base = personBase(personId);
  const headers = purposeHeaders(purpose);
  const get = <T>(path: string, signal?: AbortSignal) => api.get<T>(`${base}${path}`, { headers, signal });
  const post = <T>(path: string, body: unknown) => api.post<T>(`${base}${path}`, body, { headers });
  const put = <T>(path: string, body: unknown) => api.put<T>(`${base}${path}`, body, { headers });
  return {
    referrals: (signal?: AbortSignal) => get<{ referrals: ReferralView[] }>('/referrals', signal),
    createReferral: (body: unknown) => post<ReferralView>('/referrals', body),
    decideReferral: (id: string, body: unknown) => post<ReferralView>(`/referrals/${id}/decision`, body),
    recordStart: (id: string, startDate: string) =>
      post<ReferralView>(`/referrals/${id}/start`, { startDate }),

    kartlaggningar: (signal?: AbortSignal) =>
      get<{ kartlaggningar: KartlaggningView[]; forms: FormSummaryView[] }>('/kartlaggning', signal),
    createKartlaggning: (body: unknown) => post<KartlaggningView>('/kartlaggning', body),
    updateKartlaggning: (id: string, body: unknown) => put<KartlaggningView>(`/kartlaggning/${id}`, body),

    plan: (signal?: AbortSignal) => get<PlanView>('/plan', signal),
    savePlanHeader: (body: unknown) => put<PlanView>('/plan', body),
    addGoal: (body: unknown) => post<PlanView>('/plan/goals', body),
    updateGoal: (id: string, body: unknown) => put<PlanView>(`/plan/goals/${id}`, body),
    addActivity: (body: unknown) => post<PlanView>('/plan/activities', body),
    updateActivity: (id: string, body: unknown) => put<PlanView>(`/plan/activities/${id}`, body),

    meetings: (signal?: AbortSignal) => get<{ meetings: MeetingView[] }>('/meetings', signal),
    createMeeting: (body: unknown) => post<MeetingView>('/meetings', body),
    updateMeeting: (id: string, body: unknown) => put<MeetingView>(`/meetings/${id}`, body),
    recordAttendance: (id: string, body: unknown) => post<MeetingView>(`/meetings/${id}/attendance`, body),

    journal: (signal?: AbortSignal) => get<{ notes: NoteView[] }>('/journal', signal),
    addNote: (body: unknown) => post<NoteView>('/journal', body),
    correctNote: (id: string, text: string) => post<NoteView>(`/journal/${id}/corrections`, { text }),
  };
}

export const formsApi = {
  list: (signal?: AbortSignal) =>
    api.get<{ forms: FormSummaryView[] }>('/api/kartlaggning-forms', { signal }),
  get: (id: string, version?: number, signal?: AbortSignal) =>
    api.get<FormDetailView>(`/api/kartlaggning-forms/${encodeURIComponent(id)}`, {
      query: { version },
      signal,
    }),
  create: (definition: unknown) => api.post<FormDetailView>('/api/kartlaggning-forms', definition),
  update: (id: string, body: unknown) =>
    api.put<FormDetailView>(`/api/kartlaggning-forms/${encodeURIComponent(id)}`, body),
};

export const staffApi = {
  list: (signal?: AbortSignal) => api.get<{ staff: StaffView[] }>('/api/casework/staff', { signal }),
};
