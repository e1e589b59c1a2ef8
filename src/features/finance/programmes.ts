import type { Ctx } from '../../context.ts';
import { listProgrammes } from './repo.ts';
import { organisationOf } from './shared.ts';

/** The organisation's programmes, for choosing one on the finance pages (no personal data). */
export async function financeProgrammes(ctx: Ctx) {
  return (await listProgrammes(ctx.db, organisationOf(ctx))).map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
  }));
}
