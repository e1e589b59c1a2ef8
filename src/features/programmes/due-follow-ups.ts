import type { Ctx, RoleGrant } from '../../context.ts';
import { swedishDate } from '../../domain/dates.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { loadActorProtection, visiblePersons } from '../participants/access.ts';
import { participantsPolicy } from '../participants/policy.ts';
import { findProgramme } from './repo.ts';

/**
 * Follow-ups of a programme that are due (planned, due date today or earlier), oldest first. Persons
 * the viewer may not see are counted but not named; one read event names the persons shown.
 */
export async function listDueFollowUps(ctx: Ctx, grant: RoleGrant, programmeId: string) {
  const actor = ctx.actor!;
  const organisationId = actor.organisationId;
  const today = swedishDate(ctx.clock.now());
  return ctx.db.transaction().execute(async (tx) => {
    const programme = await findProgramme(tx, organisationId, programmeId);
    if (!programme) throw new AppError(404, 'not_found', 'not_found');
    const rows = await tx
      .selectFrom('follow_up as f')
      .innerJoin('enrolment as e', (j) =>
        j.onRef('e.organisation_id', '=', 'f.organisation_id').onRef('e.id', '=', 'f.enrolment_id'),
      )
      .select(['f.id', 'f.person_id', 'f.enrolment_id', 'f.months_after_exit', 'f.due_on', 'e.exit_date'])
      .where('f.organisation_id', '=', organisationId)
      .where('e.programme_id', '=', programmeId)
      .where('f.status', '=', 'planerad')
      .where('f.due_on', '<=', today)
      .orderBy('f.due_on')
      .orderBy('f.id')
      .execute();
    const protection = await loadActorProtection(tx, actor);
    const visible =
      rows.length === 0
        ? []
        : await visiblePersons(
            tx.selectFrom('person as p').select(['p.id', 'p.first_name', 'p.last_name']),
            actor,
            participantsPolicy.rules.read,
            protection,
          )
            .where(
              'p.id',
              'in',
              rows.map((r) => r.person_id),
            )
            .execute();
    const names = new Map(visible.map((p) => [p.id, `${p.last_name}, ${p.first_name}`]));
    if (names.size > 0) {
      await recordAudit(tx, ctx, {
        action: 'read',
        objectType: 'follow_up',
        objectId: programmeId,
        role: grant.role,
        unitId: grant.unitId,
        details: { personIds: [...names.keys()] },
      });
    }
    return {
      followUps: rows.map((r) => ({
        id: r.id,
        personId: names.has(r.person_id) ? r.person_id : null,
        name: names.get(r.person_id) ?? null,
        monthsAfterExit: r.months_after_exit,
        dueOn: r.due_on,
        exitDate: r.exit_date,
      })),
    };
  });
}
