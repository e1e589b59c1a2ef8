import type { Ctx } from '../../../context.ts';
import { recordAudit } from '../../audit/record-event.ts';
import { auditFields } from '../../participants/access.ts';
import { swedishDate } from '../dates.ts';
import { listUpcomingForPerson } from '../meetings/repo.ts';
import { type PersonOpts, withPerson } from '../person-tx.ts';
import { caseworkPolicy } from '../policy.ts';
import { renderPlanPdf } from './plan-pdf.ts';
import { loadPlanView } from './present.ts';
import { caseWorkerName } from './repo.ts';

/**
 * The handlingsplan as a tagged PDF for the participant. Writes a `print` event (raised for protected
 * persons). The document carries the participant's name but no address or identity number.
 */
export async function printPlan(
  ctx: Ctx,
  personId: string,
  opts: PersonOpts = {},
): Promise<{ pdf: Buffer; fileName: string }> {
  const now = ctx.clock.now();
  return withPerson(ctx, personId, caseworkPolicy.rules.read, opts, async (tx, access) => {
    const organisationId = ctx.actor!.organisationId;
    const person = access.person;
    const plan = await loadPlanView(tx, organisationId, person.id);
    const meetings = await listUpcomingForPerson(tx, organisationId, person.id, now);
    const pdf = await renderPlanPdf({
      participantName: `${person.first_name} ${person.last_name}`,
      caseWorkerName: await caseWorkerName(tx, organisationId, person.case_worker_user_id),
      printedOn: swedishDate(now),
      printedAt: now,
      plan,
      upcomingMeetings: meetings.map((m) => ({
        startsAt: new Date(m.starts_at),
        place: m.place,
        purpose: m.purpose,
      })),
    });
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'print',
      objectType: 'plan',
      details: { goals: plan.goals.length, activities: plan.activities.length },
    });
    return { pdf, fileName: `handlingsplan-${swedishDate(now)}.pdf` };
  });
}
