import { createHash } from 'node:crypto';
import type { Tx } from '../../db/connection.ts';
import { swedishDate } from '../../domain/dates.ts';
import { type DueRecord, type GallringRecord, type GallringRule, recordsDue } from '../../domain/gallring.ts';
import { recordTypeOf, SUMMER_APPLICATION } from './record-types.ts';
import * as repo from './repo.ts';

export interface Decision {
  recordType: string;
  decisionReference: string;
  decisionDate: string;
  decisionBody: string | null;
  trigger: string;
  years: number;
}

export interface DueList {
  asOf: string;
  /** Sorted by due date, then id; ids are person ids, or application ids for SUMMER_APPLICATION. */
  due: DueRecord[];
  counts: Record<string, number>;
  decisions: Decision[];
  hash: string;
}

/**
 * The records due on the clock's date (Swedish time), from the organisation's rules and its persons'
 * dates and exception markings. The hash over the sorted list lets an execution check that it
 * removes exactly what the dry run showed, without storing person ids in the run.
 */
export async function computeDueList(tx: Tx, organisationId: string, now: Date): Promise<DueList> {
  const asOf = swedishDate(now);
  const ruleRows = await repo.listRules(tx, organisationId);
  const rules: GallringRule[] = ruleRows.map((r) => ({
    recordType: r.record_type,
    trigger: r.trigger,
    years: r.years,
    exceptionCategories: r.exception_categories,
    exceptionBirthDays: r.exception_birth_days,
  }));
  const persons: GallringRecord[] = (await repo.listCandidates(tx, organisationId)).map((p) => ({
    id: p.id,
    recordType: recordTypeOf(p.income_source),
    triggerDates: {
      last_entry: swedishDate(new Date(p.last_entry_at)),
      last_contact: p.last_contact_at ? swedishDate(new Date(p.last_contact_at)) : null,
      exit: p.exit_date,
    },
    categories: p.categories,
    birthDate: p.birth_date,
  }));
  // Summer-job applications are read only when a rule culls them (a season can hold thousands).
  const applications: GallringRecord[] = rules.some((r) => r.recordType === SUMMER_APPLICATION)
    ? (await repo.listApplicationCandidates(tx, organisationId)).map((a) => ({
        id: a.id,
        recordType: SUMMER_APPLICATION,
        triggerDates: {
          season_end: a.season_end ?? swedishDate(new Date(a.season_closes_at)),
          last_entry: swedishDate(new Date(a.last_entry_at)),
        },
        categories: a.categories,
        birthDate: a.birth_date,
      }))
    : [];
  const due = recordsDue(rules, [...persons, ...applications], asOf);
  const counts: Record<string, number> = Object.fromEntries(rules.map((r) => [r.recordType, 0]));
  for (const d of due) counts[d.recordType] = (counts[d.recordType] ?? 0) + 1;
  const hash = createHash('sha256')
    .update(due.map((d) => `${d.recordType}:${d.id}:${d.dueDate}`).join('\n'))
    .digest('hex');
  const decisions = ruleRows.map((r) => ({
    recordType: r.record_type,
    decisionReference: r.decision_reference,
    decisionDate: r.decision_date,
    decisionBody: r.decision_body,
    trigger: r.trigger,
    years: r.years,
  }));
  return { asOf, due, counts, decisions, hash };
}

/** The due list split into the persons and the summer-job applications it names. */
export function dueIds(due: readonly DueRecord[]): { personIds: string[]; applicationIds: string[] } {
  const personIds: string[] = [];
  const applicationIds: string[] = [];
  for (const d of due) (d.recordType === SUMMER_APPLICATION ? applicationIds : personIds).push(d.id);
  return { personIds, applicationIds };
}
