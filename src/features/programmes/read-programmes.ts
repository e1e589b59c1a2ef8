import type { Ctx, RoleGrant } from '../../context.ts';
import { cachedRead } from '../../db/read-cache.ts';
import { swedishDate } from '../../domain/dates.ts';
import { capacityOn } from '../../domain/programme-rules.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { loadActorProtection, visiblePersons } from '../participants/access.ts';
import { participantsPolicy } from '../participants/policy.ts';
import { placesLeft } from './enrol.ts';
import {
  boardRows,
  findIntake,
  findProgramme,
  type listProgrammes,
  listProgrammesWithUse,
  programmeCounts,
  programmeDetails,
} from './repo.ts';

function presentProgramme(p: Awaited<ReturnType<typeof listProgrammes>>[number]) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    kind: p.kind,
    unitId: p.unit_id,
    maxLengthMonths: p.max_length_months,
    capacityMode: p.capacity_mode,
    eligibility: p.eligibility,
    priorityGroups: p.priority_groups,
    followUpMonths: p.follow_up_months,
    responsibleCommittee: p.responsible_committee,
    description: p.description,
    active: p.active,
  };
}

/**
 * The catalogue with this year's usage: the cap in force today and places used (counts only). Most
 * pages read it, so it is a cached read: the same for everyone in the organisation on a given day
 * until data changes.
 */
export function listProgrammeCatalogue(ctx: Ctx) {
  const organisationId = ctx.actor!.organisationId;
  const today = swedishDate(ctx.clock.now());
  return cachedRead(ctx.db, `programmes:${organisationId}:${today}`, () =>
    readProgrammeCatalogue(ctx, organisationId, today),
  );
}

async function readProgrammeCatalogue(ctx: Ctx, organisationId: string, today: string) {
  const rows = await listProgrammesWithUse(ctx.db, organisationId, today.slice(0, 4));
  return {
    year: Number(today.slice(0, 4)),
    programmes: rows.map(({ places_used, capacities, ...p }) => ({
      ...presentProgramme(p),
      capacityToday: capacityOn(
        (typeof capacities === 'string' ? JSON.parse(capacities) : capacities) as typeof capacities,
        today,
      ),
      placesUsedThisYear: Number(places_used ?? 0),
    })),
  };
}

/** A programme with phases, dated capacity, tracks and intakes with places left (counts only, no persons). */
export async function getProgramme(ctx: Ctx, programmeId: string) {
  const organisationId = ctx.actor!.organisationId;
  const programme = await findProgramme(ctx.db, organisationId, programmeId);
  if (!programme) throw new AppError(404, 'not_found', 'not_found');
  const d = await programmeDetails(ctx.db, organisationId, programmeId);
  const intakes = [];
  for (const i of d.intakes) {
    const left = await placesLeft(ctx.db, organisationId, programme, d.capacities, i, i.starts_on);
    const waiting = await ctx.db
      .selectFrom('enrolment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', organisationId)
      .where('intake_id', '=', i.id)
      .where('status', '=', 'waitlisted')
      .executeTakeFirstOrThrow();
    intakes.push({
      id: i.id,
      name: i.name,
      startsOn: i.starts_on,
      applicationsOpen: i.applications_open,
      applicationsClose: i.applications_close,
      places: i.places,
      placesLeft: left === null ? null : Math.max(0, left),
      waiting: Number(waiting.n),
    });
  }
  const today = swedishDate(ctx.clock.now());
  const counts = await programmeCounts(ctx.db, organisationId, programmeId, today);
  return {
    ...presentProgramme(programme),
    counts: {
      enrolled: (counts.byStatus.enrolled ?? 0) + (counts.byStatus.paused ?? 0),
      waiting: counts.byStatus.waitlisted ?? 0,
      exited: counts.byStatus.exited ?? 0,
      exitsByReason: counts.exitsByReason,
      followUpsDue: counts.followUpsDue,
    },
    phases: d.phases.map((p) => ({
      seq: p.seq,
      code: p.code,
      name: p.name,
      weeks: p.planned_weeks,
      months: p.planned_months,
    })),
    capacities: d.capacities.map((c) => ({ validFrom: c.valid_from, places: c.places })),
    tracks: d.tracks.map((t) => ({ id: t.id, code: t.code, name: t.name, ssykCodes: t.ssyk_codes })),
    intakes,
  };
}

const collator = new Intl.Collator('sv');

/**
 * The intake board: places left, enrolled and the waiting list in priority order then referral date.
 * Persons the viewer may not see (scope, protection) are counted but not named. One read event
 * names the persons shown.
 */
export async function intakeBoard(ctx: Ctx, grant: RoleGrant, intakeId: string) {
  const actor = ctx.actor!;
  const organisationId = actor.organisationId;
  const intake = await findIntake(ctx.db, organisationId, intakeId);
  if (!intake) throw new AppError(404, 'not_found', 'not_found');
  const programme = (await findProgramme(ctx.db, organisationId, intake.programme_id))!;
  const d = await programmeDetails(ctx.db, organisationId, programme.id);
  const left = await placesLeft(ctx.db, organisationId, programme, d.capacities, intake, intake.starts_on);
  const rows = await boardRows(ctx.db, organisationId, intakeId);
  return ctx.db.transaction().execute(async (tx) => {
    const protection = await loadActorProtection(tx, actor);
    const visible = await visiblePersons(
      tx.selectFrom('person as p').select(['p.id', 'p.first_name', 'p.last_name']),
      actor,
      participantsPolicy.rules.read,
      protection,
    )
      .where(
        'p.id',
        'in',
        rows.length > 0 ? rows.map((r) => r.person_id) : ['00000000-0000-0000-0000-000000000000'],
      )
      .execute();
    const names = new Map(visible.map((p) => [p.id, `${p.last_name}, ${p.first_name}`]));
    const present = (r: (typeof rows)[number], i: number) => ({
      enrolmentId: r.id,
      position: i + 1,
      personId: names.has(r.person_id) ? r.person_id : null,
      name: names.get(r.person_id) ?? null,
      priorityRank: r.priority_rank,
      referredOn: r.referred_on,
      startDate: r.start_date,
      status: r.status,
    });
    const enrolled = rows.filter((r) => r.status !== 'waitlisted').map(present);
    const waiting = rows.filter((r) => r.status === 'waitlisted').map(present);
    enrolled.sort((a, b) =>
      a.name && b.name ? collator.compare(a.name, b.name) : a.name ? -1 : b.name ? 1 : 0,
    );
    const shown = [...names.keys()];
    if (shown.length > 0) {
      await recordAudit(tx, ctx, {
        action: 'read',
        objectType: 'intake_board',
        objectId: intakeId,
        role: grant.role,
        unitId: grant.unitId,
        details: { personIds: shown },
      });
    }
    return {
      intake: { id: intake.id, name: intake.name, startsOn: intake.starts_on, places: intake.places },
      programme: { id: programme.id, code: programme.code, name: programme.name },
      placesLeft: left === null ? null : Math.max(0, left),
      overBooked: left !== null && left < 0 ? -left : 0,
      enrolled,
      waiting,
    };
  });
}
