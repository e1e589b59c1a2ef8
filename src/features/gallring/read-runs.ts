import type { Ctx } from '../../context.ts';
import { notFound, unauthenticated } from '../../http/errors.ts';
import { findRun, listRuns, type RunRow } from './repo.ts';

export interface GallringRunView {
  id: string;
  mode: 'dry_run' | 'executed';
  dryRunId: string | null;
  asOf: string;
  runBy: string | null;
  runAt: string;
  total: number;
  counts: Record<string, unknown>;
  decisions: unknown[];
}

function present(r: RunRow): GallringRunView {
  return {
    id: r.id,
    mode: r.mode,
    dryRunId: r.dry_run_id,
    asOf: r.as_of,
    runBy: r.run_by_username,
    runAt: new Date(r.run_at).toISOString(),
    total: r.total,
    counts: r.counts,
    decisions: r.decisions,
  };
}

/** Dry runs and executions: counts per record type and decisions, no personal data. */
export async function listGallringRuns(ctx: Ctx): Promise<GallringRunView[]> {
  if (!ctx.actor) throw unauthenticated();
  return (await listRuns(ctx.db, ctx.actor.organisationId)).map(present);
}

export async function getGallringRun(ctx: Ctx, id: string): Promise<GallringRunView> {
  if (!ctx.actor) throw unauthenticated();
  const run = await findRun(ctx.db, ctx.actor.organisationId, id);
  if (!run) throw notFound();
  return present(run);
}
