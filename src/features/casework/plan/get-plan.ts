import type { Ctx } from '../../../context.ts';
import { recordAudit } from '../../audit/record-event.ts';
import { auditFields } from '../../participants/access.ts';
import { type PersonOpts, withPerson } from '../person-tx.ts';
import { caseworkPolicy } from '../policy.ts';
import { loadPlanView } from './present.ts';
import type { PlanView } from './schema.ts';

/** The person's handlingsplan (empty if none is written yet). Writes one read event. */
export async function getPlan(ctx: Ctx, personId: string, opts: PersonOpts = {}): Promise<PlanView> {
  return withPerson(ctx, personId, caseworkPolicy.rules.read, opts, async (tx, access) => {
    const view = await loadPlanView(tx, ctx.actor!.organisationId, access.person.id);
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'read',
      objectType: 'plan',
      details: { goals: view.goals.length, activities: view.activities.length },
    });
    return view;
  });
}
