import type { Ctx } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { loadActorProtection } from '../participants/access.ts';
import { placementsPolicy } from './policy.ts';
import { supervisorName, visiblePlacementsAtWorkplace } from './repo.ts';

const collator = new Intl.Collator('sv');

/**
 * Live placements at one workplace, for staff: only persons the actor may see in lists (unit,
 * caseload, protection permission), with name and dates. One audit event for the list.
 */
export async function listWorkplacePlacements(ctx: Ctx, workplaceId: string) {
  const actor = ctx.actor!;
  return ctx.db.transaction().execute(async (tx) => {
    const workplace = await tx
      .selectFrom('workplace')
      .select('id')
      .where('organisation_id', '=', actor.organisationId)
      .where('id', '=', workplaceId)
      .executeTakeFirst();
    if (!workplace) throw notFound();
    const protection = await loadActorProtection(tx, actor);
    const rows = await visiblePlacementsAtWorkplace(
      tx,
      actor,
      placementsPolicy.rules.read,
      protection,
      workplaceId,
    );
    const out = [];
    for (const r of rows) {
      out.push({
        id: r.id,
        personId: r.person_id,
        name: `${r.first_name} ${r.last_name}`,
        startDate: r.start_date,
        endDate: r.end_date,
        supervisorName: await supervisorName(tx, actor.organisationId, r.supervisor_id),
      });
    }
    await recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'workplace',
      objectId: workplaceId,
      severity: rows.some((r) => r.protection_level !== 'none') ? 'raised' : 'normal',
      details: { placements: out.length },
    });
    return out.sort((a, b) => a.startDate.localeCompare(b.startDate) || collator.compare(a.name, b.name));
  });
}
