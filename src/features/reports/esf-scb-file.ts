import { sql } from 'kysely';
import type { Ctx, RoleGrant } from '../../context.ts';
import { compareCodePoints } from '../../domain/compare.ts';
import { ScbSubstituteConfigError, scbSubstituteNumber } from '../../domain/scb-substitute.ts';
import { type CsvCell, toCsvBytes } from '../../exports/csv.ts';
import { toXlsx } from '../../exports/xlsx.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { refreshStaleOutcomes } from './refresh-outcomes.ts';
import { programmeNames } from './repo.ts';

/**
 * SCB's monthly participant file for an ESF project (DOMAIN.md §6.2): participants who started in the
 * month and participants who left in the month, with personnummer, start date, end date and days in the
 * project, in chronological order of the event (start or end). Participants with protected identity are
 * written with SCB's substitute number (§2.6) and never with their real number; the men's suffix must be
 * configured (report_setting.scb_suffix_men), otherwise a protected man stops the export.
 */

export interface ScbFileInput {
  programmeId: string;
  /** YYYY-MM */
  month: string;
  format: 'csv' | 'xlsx';
}

function monthRange(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

export async function scbMonthlyFile(ctx: Ctx, grant: RoleGrant | null, input: ScbFileInput) {
  const organisationId = ctx.actor!.organisationId;
  const { from, to } = monthRange(input.month);
  return ctx.db.transaction().execute(async (tx) => {
    const programme = (await programmeNames(tx, organisationId)).find((p) => p.id === input.programmeId);
    if (!programme) throw new AppError(404, 'not_found', 'not_found');
    await refreshStaleOutcomes(tx, organisationId);
    const setting = await tx
      .selectFrom('report_setting')
      .select('scb_suffix_men')
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    const rows = await sql<{
      personnummer: string;
      birth_date: string;
      sex: string;
      protection_level: string;
      start_date: string;
      exit_date: string | null;
    }>`
      SELECT p.personnummer, p.birth_date, p.sex, p.protection_level, o.start_date, o.exit_date
      FROM enrolment_outcome o
      JOIN person p ON p.organisation_id = o.organisation_id AND p.id = o.person_id
      WHERE o.organisation_id = ${organisationId} AND o.programme_id = ${input.programmeId}
        AND ((o.start_date BETWEEN ${from} AND ${to}) OR (o.exit_date BETWEEN ${from} AND ${to}))`.execute(
      tx,
    );
    let protectedCount = 0;
    const lines = rows.rows.map((r) => {
      let number = r.personnummer;
      if (r.protection_level !== 'none') {
        protectedCount++;
        try {
          number = scbSubstituteNumber(r.birth_date, r.sex === 'K' ? 'K' : 'M', {
            men: setting?.scb_suffix_men ?? '',
          });
        } catch (e) {
          const text =
            e instanceof ScbSubstituteConfigError || e instanceof RangeError ? e.message : String(e);
          throw new AppError(422, 'scb_substitute', { sv: text, en: 'SCB substitute number not available.' });
        }
      }
      const exitInMonth = r.exit_date !== null && r.exit_date >= from && r.exit_date <= to;
      const end = exitInMonth ? r.exit_date : null;
      return {
        eventDate: r.start_date >= from ? r.start_date : (end ?? r.start_date),
        cells: [
          number,
          r.start_date,
          end,
          end ? dayNumber(end) - dayNumber(r.start_date) + 1 : null,
        ] as CsvCell[],
      };
    });
    lines.sort((a, b) => compareCodePoints(a.eventDate, b.eventDate));
    const table: CsvCell[][] = [
      ['Personnummer', 'Startdatum', 'Slutdatum', 'Dagar i projektet'],
      ...lines.map((l) => l.cells),
    ];
    const bytes =
      input.format === 'csv'
        ? toCsvBytes(table)
        : await toXlsx(
            [{ name: `SCB ${input.month}`, rows: table, boldRows: [0], columnWidths: [16, 12, 12, 18] }],
            {
              title: `SCB månadsfil ${input.month} – ${programme.name}`,
              createdAt: ctx.clock.now(),
            },
          );
    await recordAudit(tx, ctx, {
      action: 'export',
      objectType: 'report',
      objectId: 'scb_manadsfil',
      severity: 'raised',
      ...(grant ? { role: grant.role, unitId: grant.unitId } : {}),
      details: {
        kind: 'scb_manadsfil',
        programmeId: input.programmeId,
        month: input.month,
        format: input.format,
        rows: lines.length,
        protectedWithSubstitute: protectedCount,
      },
    });
    return { bytes, name: `scb-${programme.code}-${input.month}` };
  });
}
