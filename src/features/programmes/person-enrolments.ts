import type { Ctx } from '../../context.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields, authorizePerson } from '../participants/access.ts';
import { participantsPolicy } from '../participants/policy.ts';
import { enrolmentHistory, enrolmentsForPerson, programmeDetails } from './repo.ts';

/**
 * One person's enrolments (insatser) with phase history, pauses/extensions and follow-ups, plus the
 * phases each programme offers (for the phase-change form). A read of the person: authorised on the
 * person and written as one read event in the same transaction.
 */
export async function listPersonEnrolments(ctx: Ctx, personId: string, purpose: string | null) {
  const organisationId = ctx.actor!.organisationId;
  return ctx.db.transaction().execute(async (tx) => {
    const access = await authorizePerson(ctx, tx, personId, participantsPolicy.rules.read, { purpose });
    const rows = await enrolmentsForPerson(tx, organisationId, access.person.id);
    const history = await enrolmentHistory(
      tx,
      organisationId,
      rows.map((r) => r.id),
    );
    const programmePhases = new Map<string, { code: string; name: string }[]>();
    for (const programmeId of new Set(rows.map((r) => r.programme_id))) {
      const d = await programmeDetails(tx, organisationId, programmeId);
      programmePhases.set(
        programmeId,
        d.phases.map((p) => ({ code: p.code, name: p.name })),
      );
    }
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'read',
      objectType: 'enrolment',
      objectId: undefined,
      details: { count: rows.length },
    });
    return {
      enrolments: rows.map((r) => ({
        id: r.id,
        programme: { id: r.programme_id, code: r.programme_code, name: r.programme_name },
        intakeId: r.intake_id,
        status: r.status,
        referredOn: r.referred_on,
        startDate: r.start_date,
        plannedEndDate: r.planned_end_date,
        exitDate: r.exit_date,
        exitReason: r.exit_reason,
        exitEmploymentForm: r.exit_employment_form,
        incomeSourceAtExit: r.income_source_at_exit,
        programmePhases: programmePhases.get(r.programme_id) ?? [],
        phases: history.phases
          .filter((p) => p.enrolment_id === r.id)
          .map((p) => ({ seq: p.seq, code: p.phase_code, startedOn: p.started_on, endedOn: p.ended_on })),
        adjustments: history.adjustments
          .filter((a) => a.enrolment_id === r.id)
          .map((a) => ({
            id: a.id,
            kind: a.kind,
            fromDate: a.from_date,
            toDate: a.to_date,
            days: a.days,
            reason: a.reason,
            newPlannedEnd: a.new_planned_end,
          })),
        followUps: history.followUps
          .filter((f) => f.enrolment_id === r.id)
          .map((f) => ({
            id: f.id,
            monthsAfterExit: f.months_after_exit,
            dueOn: f.due_on,
            status: f.status,
            outcome: f.outcome,
            incomeSource: f.income_source,
          })),
      })),
    };
  });
}
