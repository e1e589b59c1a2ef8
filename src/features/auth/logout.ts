import type { Ctx } from '../../context.ts';
import { recordAudit } from '../audit/record-event.ts';
import { endSession } from './repo.ts';

/** Ends the session server-side; a replayed cookie is worthless afterwards. */
export async function logout(ctx: Ctx, sessionIdHash: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await endSession(tx, sessionIdHash, ctx.clock.now(), 'logout');
    await recordAudit(tx, ctx, { action: 'logout' });
  });
}
