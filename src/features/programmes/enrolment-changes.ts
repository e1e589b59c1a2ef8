import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { addMonths, daysBetween, swedishDate } from '../../domain/dates.ts';
import { plannedEnd } from '../../domain/programme-rules.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields, authorizePerson, type PersonAccess } from '../participants/access.ts';
import { participantsPolicy } from '../participants/policy.ts';
import { placesLeft } from './enrol.ts';
import {
  enrolmentPhases,
  findEnrolment,
  findIntake,
  findProgramme,
  insertEnrolmentPhase,
  programmeDetails,
} from './repo.ts';

const rule = (code: string, sv: string, en: string) => new AppError(422, code, { sv, en });

/** Loads and locks an enrolment, authorising the actor on its person. */
async function lockEnrolment(ctx: Ctx, tx: Tx, enrolmentId: string, purpose: string | null) {
  const organisationId = ctx.actor!.organisationId;
  const enrolment = await findEnrolment(tx, organisationId, enrolmentId, true);
  if (!enrolment) throw new AppError(404, 'not_found', 'not_found');
  const access: PersonAccess = await authorizePerson(
    ctx,
    tx,
    enrolment.person_id,
    participantsPolicy.rules.write,
    { purpose },
  );
  return { enrolment, access, organisationId };
}

/**
 * Takes a person from the waiting list into the programme when a place has become free (an exit, a
 * new year's capacity). The programme row is locked for the count and the update, as for enrolment,
 * so a cap can never be exceeded. The start date defaults to the intake's start if it is still ahead,
 * else today. The audit event says whether someone ahead in the waiting order was passed over.
 */
export async function admitFromWaitlist(
  ctx: Ctx,
  enrolmentId: string,
  input: { startDate?: string | undefined },
  purpose: string | null,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const { enrolment, access, organisationId } = await lockEnrolment(ctx, tx, enrolmentId, purpose);
    if (enrolment.status !== 'waitlisted')
      throw new AppError(409, 'not_waitlisted', {
        sv: 'Deltagaren står inte på väntelistan.',
        en: 'The participant is not on the waiting list.',
      });
    const programme = await findProgramme(tx, organisationId, enrolment.programme_id, true);
    if (!programme?.active) throw new AppError(404, 'not_found', 'not_found');
    const intake = enrolment.intake_id
      ? await findIntake(tx, organisationId, enrolment.intake_id)
      : undefined;
    const today = swedishDate(ctx.clock.now());
    const startDate =
      input.startDate ?? (intake?.starts_on && intake.starts_on > today ? intake.starts_on : today);
    const details = await programmeDetails(tx, organisationId, enrolment.programme_id);
    const left = await placesLeft(tx, organisationId, programme, details.capacities, intake, startDate);
    if (left !== null && left <= 0)
      throw new AppError(409, 'no_place_left', {
        sv: 'Det finns ingen ledig plats i insatsen eller intaget just nu.',
        en: 'There is no free place in the programme or intake right now.',
      });
    const ahead = await tx
      .selectFrom('enrolment')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('organisation_id', '=', organisationId)
      .where('programme_id', '=', enrolment.programme_id)
      .where('status', '=', 'waitlisted')
      .where('id', '!=', enrolment.id)
      .where((eb) =>
        eb.or([
          eb('priority_rank', '<', enrolment.priority_rank),
          eb.and([
            eb('priority_rank', '=', enrolment.priority_rank),
            eb('referred_on', '<', enrolment.referred_on ?? '9999-12-31'),
          ]),
        ]),
      )
      .executeTakeFirstOrThrow();
    const phases = details.phases.map((p) => ({
      code: p.code,
      weeks: p.planned_weeks,
      months: p.planned_months,
    }));
    const end = plannedEnd(startDate, phases, programme.max_length_months);
    await tx
      .updateTable('enrolment')
      .set({ status: 'enrolled', start_date: startDate, planned_end_date: end, updated_at: ctx.clock.now() })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', enrolment.id)
      .execute();
    if (details.phases[0])
      await insertEnrolmentPhase(tx, organisationId, enrolment.id, 1, details.phases[0].code, startDate);
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      objectType: 'enrolment',
      objectId: enrolment.id,
      details: { from: 'waitlisted', to: 'enrolled', startDate, passedOver: Number(ahead.n) },
    });
    return { id: enrolment.id, status: 'enrolled' as const, startDate, plannedEndDate: end };
  });
}

/** Dated move to the next phase; the previous phase ends the day before. */
export async function transitionPhase(
  ctx: Ctx,
  enrolmentId: string,
  input: { phaseCode: string; startedOn: string },
  purpose: string | null,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const { enrolment, access, organisationId } = await lockEnrolment(ctx, tx, enrolmentId, purpose);
    if (enrolment.status !== 'enrolled')
      throw rule(
        'not_active',
        'Bara pågående insatser kan byta fas.',
        'Only active enrolments change phase.',
      );
    const { phases } = await programmeDetails(tx, organisationId, enrolment.programme_id);
    if (!phases.some((p) => p.code === input.phaseCode))
      throw rule('unknown_phase', 'Fasen finns inte i insatsen.', 'Unknown phase.');
    const done = await enrolmentPhases(tx, organisationId, enrolmentId);
    const current = done.at(-1);
    if (current && input.startedOn <= current.started_on) {
      throw rule(
        'phase_date',
        'Den nya fasen måste börja efter att den pågående började.',
        'The new phase must start after the current one.',
      );
    }
    if (current) {
      await tx
        .updateTable('enrolment_phase')
        .set({ ended_on: input.startedOn })
        .where('organisation_id', '=', organisationId)
        .where('enrolment_id', '=', enrolmentId)
        .where('seq', '=', current.seq)
        .execute();
    }
    await insertEnrolmentPhase(
      tx,
      organisationId,
      enrolmentId,
      (current?.seq ?? 0) + 1,
      input.phaseCode,
      input.startedOn,
    );
    await tx
      .updateTable('enrolment')
      .set({ updated_at: ctx.clock.now() })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', enrolmentId)
      .execute();
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      objectType: 'enrolment',
      objectId: enrolmentId,
      details: { phase: input.phaseCode },
    });
  });
}

/** A pause (sickness, parental leave) or extension moves the planned end by its days; kept as a row. */
export async function adjustEnrolment(
  ctx: Ctx,
  enrolmentId: string,
  input: { kind: string; fromDate: string; toDate?: string; days: number; reason?: string },
  purpose: string | null,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const { enrolment, access, organisationId } = await lockEnrolment(ctx, tx, enrolmentId, purpose);
    if (enrolment.status !== 'enrolled' && enrolment.status !== 'paused') {
      throw rule(
        'not_active',
        'Bara pågående insatser kan pausas eller förlängas.',
        'Only active enrolments can be adjusted.',
      );
    }
    if (input.toDate && input.toDate < input.fromDate)
      throw rule('dates', 'Slutdatum är före startdatum.', 'End before start.');
    if (enrolment.start_date && input.fromDate < enrolment.start_date) {
      throw rule('dates', 'Pausen börjar före insatsens start.', 'The pause starts before the enrolment.');
    }
    const existing = await tx
      .selectFrom('enrolment_adjustment')
      .select((eb) => eb.fn.sum<number>('days').as('days'))
      .where('organisation_id', '=', organisationId)
      .where('enrolment_id', '=', enrolmentId)
      .executeTakeFirstOrThrow();
    const programme = (await findProgramme(tx, organisationId, enrolment.programme_id))!;
    const { phases } = await programmeDetails(tx, organisationId, enrolment.programme_id);
    const extra = Number(existing.days ?? 0) + input.days;
    const newEnd = enrolment.start_date
      ? plannedEnd(
          enrolment.start_date,
          phases.map((p) => ({ code: p.code, weeks: p.planned_weeks, months: p.planned_months })),
          programme.max_length_months,
          extra,
        )
      : null;
    await tx
      .insertInto('enrolment_adjustment')
      .values({
        organisation_id: organisationId,
        enrolment_id: enrolmentId,
        id: randomUUID(),
        kind: input.kind,
        from_date: input.fromDate,
        to_date: input.toDate ?? null,
        days: input.days,
        reason: input.reason ?? null,
        previous_planned_end: enrolment.planned_end_date,
        new_planned_end: newEnd,
        recorded_at: ctx.clock.now(),
      })
      .execute();
    await tx
      .updateTable('enrolment')
      .set({ planned_end_date: newEnd, updated_at: ctx.clock.now() })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', enrolmentId)
      .execute();
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      objectType: 'enrolment',
      objectId: enrolmentId,
      details: { adjustment: input.kind, days: input.days, plannedEnd: newEnd },
    });
    return { plannedEndDate: newEnd };
  });
}

/** Exit with date, reason and income source; follow-up tasks are created per the programme's months. */
export async function exitEnrolment(
  ctx: Ctx,
  enrolmentId: string,
  input: { exitDate: string; reason: string; employmentForm?: string; incomeSourceAtExit?: string },
  purpose: string | null,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const { enrolment, access, organisationId } = await lockEnrolment(ctx, tx, enrolmentId, purpose);
    if (enrolment.status !== 'enrolled' && enrolment.status !== 'paused') {
      throw rule(
        'not_active',
        'Insatsen är inte pågående och kan inte avslutas.',
        'The enrolment is not active.',
      );
    }
    if (enrolment.start_date && input.exitDate < enrolment.start_date) {
      throw rule(
        'exit_before_start',
        `Avslutsdatum ${input.exitDate} är före startdatum ${enrolment.start_date}.`,
        'Exit before start.',
      );
    }
    if (input.reason === 'arbete' && !input.employmentForm) {
      throw rule(
        'employment_form_required',
        'Ange anställningsform när avslutet är till arbete.',
        'Give the employment form for an exit to work.',
      );
    }
    const programme = (await findProgramme(tx, organisationId, enrolment.programme_id))!;
    await tx
      .updateTable('enrolment')
      .set({
        status: 'exited',
        exit_date: input.exitDate,
        exit_reason: input.reason,
        exit_employment_form: input.employmentForm ?? null,
        income_source_at_exit: input.incomeSourceAtExit ?? null,
        updated_at: ctx.clock.now(),
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', enrolmentId)
      .execute();
    await tx
      .updateTable('enrolment_phase')
      .set({ ended_on: input.exitDate })
      .where('organisation_id', '=', organisationId)
      .where('enrolment_id', '=', enrolmentId)
      .where('ended_on', 'is', null)
      .execute();
    const months = [...new Set(programme.follow_up_months)].sort((a, b) => a - b);
    if (months.length > 0) {
      await tx
        .insertInto('follow_up')
        .values(
          months.map((m) => ({
            organisation_id: organisationId,
            id: randomUUID(),
            enrolment_id: enrolmentId,
            person_id: enrolment.person_id,
            months_after_exit: m,
            due_on: addMonths(input.exitDate, m),
          })),
        )
        .execute();
    }
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      objectType: 'enrolment',
      objectId: enrolmentId,
      details: { exit: input.reason, exitDate: input.exitDate },
    });
    return {
      followUps: months.map((m) => ({ monthsAfterExit: m, dueOn: addMonths(input.exitDate, m) })),
      daysInProgramme: enrolment.start_date ? daysBetween(enrolment.start_date, input.exitDate) : null,
    };
  });
}

/** Records the status found at a follow-up (6/12/18 months after exit). */
export async function recordFollowUp(
  ctx: Ctx,
  followUpId: string,
  input: { status: string; outcome?: string; incomeSource?: string },
  purpose: string | null,
) {
  const organisationId = ctx.actor!.organisationId;
  return ctx.db.transaction().execute(async (tx) => {
    const fu = await tx
      .selectFrom('follow_up')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('id', '=', followUpId)
      .forUpdate()
      .executeTakeFirst();
    if (!fu) throw new AppError(404, 'not_found', 'not_found');
    const access = await authorizePerson(ctx, tx, fu.person_id, participantsPolicy.rules.write, { purpose });
    if (input.status === 'genomford' && !input.outcome) {
      throw rule(
        'outcome_required',
        'Ange vad personen gör vid uppföljningen.',
        'Give the outcome at follow-up.',
      );
    }
    await tx
      .updateTable('follow_up')
      .set({
        status: input.status,
        outcome: input.outcome ?? null,
        income_source: input.incomeSource ?? null,
        recorded_at: ctx.clock.now(),
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', followUpId)
      .execute();
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      objectType: 'follow_up',
      objectId: followUpId,
      details: { status: input.status, outcome: input.outcome ?? null },
    });
  });
}
