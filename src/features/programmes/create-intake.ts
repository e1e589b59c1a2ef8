import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { findProgramme, insertIntake } from './repo.ts';

interface IntakeInput {
  name?: string | undefined;
  startsOn: string;
  applicationsOpen?: string | undefined;
  applicationsClose?: string | undefined;
  places?: number | null | undefined;
}

function checkWindow(input: IntakeInput) {
  if (input.applicationsOpen && input.applicationsClose && input.applicationsClose < input.applicationsOpen) {
    throw new AppError(422, 'application_window', {
      sv: 'Ansökningsperioden slutar före den börjar.',
      en: 'The application window ends before it starts.',
    });
  }
}

/** Inserts one intake with its audit event; `null` when one already starts that day and `skip` is set. */
async function addIntake(
  ctx: Ctx,
  tx: Tx,
  grant: RoleGrant | null,
  programmeId: string,
  input: IntakeInput,
  onClash: 'refuse' | 'skip',
): Promise<string | null> {
  const organisationId = ctx.actor!.organisationId;
  const clash = await tx
    .selectFrom('intake')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('programme_id', '=', programmeId)
    .where('starts_on', '=', input.startsOn)
    .executeTakeFirst();
  if (clash) {
    if (onClash === 'skip') return null;
    throw new AppError(409, 'intake_exists', {
      sv: `Insatsen har redan ett intag som startar ${input.startsOn}.`,
      en: `The programme already has an intake starting ${input.startsOn}.`,
    });
  }
  const id = randomUUID();
  await insertIntake(tx, {
    organisationId,
    id,
    programmeId,
    name: input.name ?? `Intag ${input.startsOn}`,
    startsOn: input.startsOn,
    open: input.applicationsOpen ?? null,
    close: input.applicationsClose ?? null,
    places: input.places ?? null,
    now: ctx.clock.now(),
  });
  await recordAudit(tx, ctx, {
    action: 'create',
    objectType: 'intake',
    objectId: id,
    ...(grant ? { role: grant.role, unitId: grant.unitId } : {}),
    details: { programmeId, startsOn: input.startsOn },
  });
  return id;
}

export async function createIntake(
  ctx: Ctx,
  grant: RoleGrant | null,
  programmeId: string,
  input: IntakeInput,
): Promise<{ id: string }> {
  const organisationId = ctx.actor!.organisationId;
  checkWindow(input);
  return ctx.db.transaction().execute(async (tx) => {
    const programme = await findProgramme(tx, organisationId, programmeId);
    if (!programme) throw new AppError(404, 'not_found', 'not_found');
    return { id: (await addIntake(ctx, tx, grant, programmeId, input, 'refuse'))! };
  });
}

export interface IntakeSeriesInput {
  fromYear: number;
  toYear: number;
  /** Recurring periods by month and day (`MM-DD`), e.g. adult education's five application periods. */
  periods: {
    name?: string | undefined;
    startsOn: string;
    applicationsOpen?: string | undefined;
    applicationsClose?: string | undefined;
    places?: number | null | undefined;
  }[];
}

/** `YYYY-MM-DD` for a month-day in a year, or null if the day does not exist that year (e.g. 02-29). */
function onYear(year: number, monthDay: string): string | null {
  const [m, d] = monthDay.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Recurring intake periods: the same month-days every year from `fromYear` to `toYear`, as ordinary
 * intakes (one transaction, one audit event per intake). An application window that opens or closes
 * later in the calendar than the start belongs to the year before. Intakes that already exist are
 * left as they are and reported as skipped.
 */
export async function createIntakeSeries(
  ctx: Ctx,
  grant: RoleGrant | null,
  programmeId: string,
  input: IntakeSeriesInput,
): Promise<{ created: { id: string; startsOn: string }[]; skipped: string[] }> {
  const organisationId = ctx.actor!.organisationId;
  const planned: IntakeInput[] = [];
  for (let year = input.fromYear; year <= input.toYear; year++) {
    for (const [i, p] of input.periods.entries()) {
      const startsOn = onYear(year, p.startsOn);
      const windowYear = (md?: string) => (md && md > p.startsOn ? year - 1 : year);
      const open = p.applicationsOpen
        ? onYear(windowYear(p.applicationsOpen), p.applicationsOpen)
        : undefined;
      const close = p.applicationsClose
        ? onYear(windowYear(p.applicationsClose), p.applicationsClose)
        : undefined;
      if (!startsOn || open === null || close === null) {
        throw new AppError(422, 'intake_series_date', {
          sv: `Period ${i + 1} har ett datum som inte finns år ${year}.`,
          en: `Period ${i + 1} has a date that does not exist in ${year}.`,
        });
      }
      const one: IntakeInput = {
        name: p.name ? `${p.name} ${year}` : undefined,
        startsOn,
        applicationsOpen: open,
        applicationsClose: close,
        places: p.places,
      };
      checkWindow(one);
      planned.push(one);
    }
  }
  return ctx.db.transaction().execute(async (tx) => {
    const programme = await findProgramme(tx, organisationId, programmeId);
    if (!programme) throw new AppError(404, 'not_found', 'not_found');
    const created: { id: string; startsOn: string }[] = [];
    const skipped: string[] = [];
    for (const one of planned) {
      const id = await addIntake(ctx, tx, grant, programmeId, one, 'skip');
      if (id) created.push({ id, startsOn: one.startsOn });
      else skipped.push(one.startsOn);
    }
    return { created, skipped };
  });
}
