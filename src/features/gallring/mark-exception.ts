import type { Ctx } from '../../context.ts';
import { notFound, unauthenticated } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { personExists, upsertException } from './repo.ts';
import type { ExceptionInput } from './schema.ts';

/** Marks a person with an exception category that rules can exempt from automatic culling. */
export async function markGallringException(
  ctx: Ctx,
  personId: string,
  input: ExceptionInput,
): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await personExists(tx, actor.organisationId, personId))) throw notFound();
    await upsertException(tx, {
      organisationId: actor.organisationId,
      personId,
      category: input.category,
      reason: input.reason,
      by: actor.userId,
      now: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      role: 'administrator',
      subjectPersonId: personId,
      objectType: 'gallring_exception',
      objectId: input.category,
      details: { category: input.category },
    });
  });
}
