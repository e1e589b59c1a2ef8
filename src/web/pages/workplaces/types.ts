/**
 * Shapes of the workplace and placement API, inferred from the server's zod schemas (type-only
 * imports, erased in the bundle), so a change on one side breaks the build on the other.
 */
import type { z } from 'zod';
import type {
  importIssue,
  placementView,
  workplaceViewOfPlacement,
} from '../../../features/placements/schema.ts';
import type { workplaceSummary, workplaceView } from '../../../features/workplaces/schema.ts';

export type WorkplaceView = z.infer<typeof workplaceView>;
export type WorkplaceSummary = z.infer<typeof workplaceSummary>;
export type PlacementView = z.infer<typeof placementView>;
export type WorkplaceViewOfPlacement = z.infer<typeof workplaceViewOfPlacement>;
export type ImportIssue = z.infer<typeof importIssue>;

export interface EnrolmentOption {
  enrolmentId: string;
  personId: string;
  name: string;
  programme: { id: string; name: string; kind: string };
  status: string;
  startDate: string | null;
  plannedEndDate: string | null;
  exitDate: string | null;
}

export interface WorkplacePlacement {
  id: string;
  personId: string;
  name: string;
  startDate: string;
  endDate: string | null;
  supervisorName: string | null;
}

export interface AttendanceWeek {
  week: string;
  weekStart: string;
  hoursPresent: number;
  source: 'manuell' | 'import';
  absences: { reason: string; hours: number }[];
}

export interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  encoding: string;
  rows: number;
  persons: number;
  issues: ImportIssue[];
}

export type AbsenceByReason = Record<'sjuk' | 'vab' | 'ledig' | 'ogiltig' | 'annat', number>;

export interface CaseloadAbsence {
  from: string;
  to: string;
  persons: {
    personId: string;
    name: string;
    weeks: number;
    hoursPresent: number;
    absence: AbsenceByReason;
    absenceHours: number;
  }[];
  protectedLeftOut: number;
}

export const ABSENCE_REASONS = ['sjuk', 'vab', 'ledig', 'ogiltig', 'annat'] as const;
export const WORKPLACE_KINDS = ['kommunal', 'foretag', 'forening', 'bemanningsforetag'] as const;
export const AGREEMENT_TYPES = [
  'samverkansavtal',
  'praktikavtal',
  'anstallningsavtal',
  'feriearbete',
  'annat',
] as const;
export const EMPLOYMENT_FORMS = [
  'tidsbegransad',
  'sarskild_visstid',
  'vikariat',
  'sasong',
  'provanstallning',
  'tillsvidare',
] as const;
export const SUBSIDY_KINDS = [
  'nystartsjobb',
  'introduktionsjobb',
  'extratjanst',
  'lonebidrag',
  'trygghetsanstallning',
  'annat',
] as const;
