import type { Ctx } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields, authorizePerson, type PersonAccess } from '../participants/access.ts';
import { today } from '../workplaces/rules.ts';
import { type AttendanceRow, type ImportIssue, parseAttendanceCsv } from './attendance-csv.ts';
import { periodsOverlap } from './periods.ts';
import { placementsPolicy } from './policy.ts';
import { livePlacementsOfPersons, personsByPersonnummer, upsertAttendance } from './repo.ts';

export interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  encoding: 'utf-8' | 'windows-1252';
  rows: number;
  persons: number;
  issues: ImportIssue[];
}

type Reach = { kind: 'ok'; access: PersonAccess } | { kind: 'denied' } | { kind: 'purpose' };

/** Thrown inside the transaction to roll everything back when any row is wrong. */
class RollBack extends Error {}

const NOT_REACHABLE = 'Personnumret finns inte bland de deltagare du har behörighet till.';

/**
 * Imports weekly attendance from a CSV file atomically: every row is parsed, its person authorised
 * and its placement found first; a single bad row means nothing is written and every bad row is
 * reported with line, column and reason. A person the actor may not reach gives the same message as
 * an unknown personnummer. On success: one 'import' event, and one 'update' event per person.
 */
export async function importAttendance(
  ctx: Ctx,
  input: {
    contentBase64: string;
    dryRun: boolean;
    purpose?: string | undefined;
    fileName?: string | undefined;
  },
): Promise<ImportResult> {
  const actor = ctx.actor!;
  const organisationId = actor.organisationId;
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const parsed = parseAttendanceCsv(new Uint8Array(bytes), today(ctx));
  const base = { dryRun: input.dryRun, encoding: parsed.encoding };
  if (parsed.issues.length > 0) {
    await auditFailure(ctx, parsed.issues.length, [], input.dryRun);
    return { ...base, ok: false, rows: 0, persons: 0, issues: parsed.issues };
  }
  const issues: ImportIssue[] = [];
  const denied: { personId: string; isProtected: boolean }[] = [];
  let persons = 0;
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const numbers = [...new Set(parsed.rows.map((r) => r.personnummer))];
      const found = new Map(
        (await personsByPersonnummer(tx, organisationId, numbers)).map((p) => [p.personnummer, p]),
      );
      const reach = new Map<string, Reach>();
      for (const person of found.values()) {
        try {
          const access = await authorizePerson(ctx, tx, person.id, placementsPolicy.rules.recordAttendance, {
            purpose: input.purpose ?? null,
          });
          reach.set(person.id, { kind: 'ok', access });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          if (err.code === 'purpose_required') reach.set(person.id, { kind: 'purpose' });
          else {
            reach.set(person.id, { kind: 'denied' });
            denied.push({ personId: person.id, isProtected: person.protection_level !== 'none' });
          }
        }
      }
      const placements = await livePlacementsOfPersons(
        tx,
        organisationId,
        [...reach.entries()].filter(([, r]) => r.kind === 'ok').map(([id]) => id),
      );
      const resolved: { row: AttendanceRow; placementId: string; personId: string }[] = [];
      for (const row of parsed.rows) {
        const personId = found.get(row.personnummer)?.id;
        const r = personId ? reach.get(personId) : undefined;
        if (!personId || !r || r.kind === 'denied') {
          issues.push({ line: row.line, column: 'personnummer', message: NOT_REACHABLE });
          continue;
        }
        if (r.kind === 'purpose') {
          issues.push({
            line: row.line,
            column: 'personnummer',
            message:
              'Uppgifterna om personen är skyddade: ange syftet med importen för att registrera närvaron.',
          });
          continue;
        }
        const matching = placements.filter(
          (p) =>
            p.person_id === personId &&
            periodsOverlap(
              { start: p.start_date, end: p.end_date },
              { start: row.week.start, end: row.week.end },
            ),
        );
        if (matching.length === 0) {
          issues.push({
            line: row.line,
            column: 'vecka',
            message: `Personen har ingen placering vecka ${row.week.label}.`,
          });
        } else if (matching.length > 1) {
          issues.push({
            line: row.line,
            column: 'vecka',
            message: `Personen har flera placeringar vecka ${row.week.label}; registrera veckan på rätt placering i stället.`,
          });
        } else {
          resolved.push({ row, placementId: matching[0]!.id, personId });
        }
      }
      if (issues.length > 0 || input.dryRun) throw new RollBack();
      const now = ctx.clock.now();
      for (const { row, placementId } of resolved) {
        await upsertAttendance(
          tx,
          {
            organisation_id: organisationId,
            placement_id: placementId,
            iso_week: row.week.label,
            week_start: row.week.start,
            hours_present: row.hoursPresent,
            recorded_by: actor.userId,
            recorded_at: now,
            source: 'import',
          },
          row.absenceHours > 0 && row.reason ? [{ reason: row.reason, hours: row.absenceHours }] : [],
        );
      }
      const byPerson = new Map<string, number>();
      for (const r of resolved) byPerson.set(r.personId, (byPerson.get(r.personId) ?? 0) + 1);
      persons = byPerson.size;
      for (const [personId, weeks] of byPerson) {
        await recordAudit(tx, ctx, {
          action: 'update',
          ...auditFields((reach.get(personId) as { kind: 'ok'; access: PersonAccess }).access),
          objectType: 'placement_attendance',
          details: { weeks, source: 'import' },
        });
      }
      await recordAudit(tx, ctx, {
        action: 'import',
        objectType: 'placement_attendance',
        details: { rows: resolved.length, persons, encoding: parsed.encoding },
      });
    });
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
    issues.sort((a, b) => a.line - b.line);
    if (issues.length > 0 || !input.dryRun) {
      await auditFailure(ctx, issues.length, denied, input.dryRun);
      return { ...base, ok: false, rows: 0, persons: 0, issues };
    }
    await auditDryRun(ctx, parsed.rows.length);
    const distinct = new Set(parsed.rows.map((r) => r.personnummer));
    return { ...base, ok: true, rows: parsed.rows.length, persons: distinct.size, issues: [] };
  }
  return { ...base, ok: true, rows: parsed.rows.length, persons, issues: [] };
}

/** A refused import leaves one event (and the deny events of persons out of reach, which the rollback undid). */
async function auditFailure(
  ctx: Ctx,
  issueCount: number,
  denied: { personId: string; isProtected: boolean }[],
  dryRun: boolean,
) {
  await ctx.db.transaction().execute(async (tx) => {
    for (const d of denied) {
      await recordAudit(tx, ctx, {
        action: 'deny',
        outcome: 'denied',
        objectType: 'person',
        objectId: d.personId,
        subjectPersonId: d.personId,
        severity: d.isProtected ? 'raised' : 'normal',
        details: { via: 'attendance_import' },
      });
    }
    await recordAudit(tx, ctx, {
      action: 'import',
      outcome: 'failure',
      objectType: 'placement_attendance',
      details: { issues: issueCount, dryRun },
    });
  });
}

/** A successful check (dry run) reads the persons' placements; it is logged as a read. */
async function auditDryRun(ctx: Ctx, rows: number) {
  await ctx.db.transaction().execute((tx) =>
    recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'placement_attendance',
      details: { dryRun: true, rows },
    }),
  );
}
