import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import {
  findProgrammeByCode,
  insertCapacities,
  insertPhases,
  insertProgramme,
  insertTracks,
  requireUnit,
} from './repo.ts';
import type { CreateProgrammeInput } from './schema.ts';

/** Adds a programme to the catalogue with its phases, dated capacity, tracks and rules — all data. */
export async function createProgramme(
  ctx: Ctx,
  grant: RoleGrant | null,
  input: CreateProgrammeInput,
): Promise<{ id: string }> {
  const organisationId = ctx.actor?.organisationId;
  if (!organisationId) throw new AppError(401, 'unauthenticated', 'unauthenticated');
  await requireUnit(ctx.db, organisationId, input.unitId);
  if (input.phases.slice(0, -1).some((p) => !p.weeks && !p.months)) {
    throw new AppError(422, 'phase_length', {
      sv: 'Bara den sista fasen får sakna längd.',
      en: 'Only the last phase may lack a length.',
    });
  }
  if (input.capacityMode && input.capacities.length === 0) {
    throw new AppError(422, 'capacity_missing', {
      sv: 'Ange minst en kapacitet med startdatum.',
      en: 'Give at least one dated capacity.',
    });
  }
  const id = randomUUID();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (await findProgrammeByCode(tx, organisationId, input.code)) {
      throw new AppError(409, 'programme_exists', {
        sv: `Det finns redan en insats med koden "${input.code}".`,
        en: `A programme with code "${input.code}" already exists.`,
      });
    }
    await insertProgramme(tx, {
      organisationId,
      id,
      code: input.code,
      name: input.name,
      kind: input.kind,
      unitId: input.unitId,
      maxLengthMonths: input.maxLengthMonths ?? null,
      capacityMode: input.capacityMode ?? null,
      eligibility: input.eligibility,
      priorityGroups: input.priorityGroups,
      followUpMonths: input.followUpMonths,
      responsibleCommittee: input.responsibleCommittee ?? null,
      description: input.description ?? null,
      now,
    });
    await insertPhases(
      tx,
      organisationId,
      id,
      input.phases.map((p) => ({
        code: p.code,
        name: p.name ?? p.code,
        weeks: p.weeks ?? null,
        months: p.months ?? null,
      })),
    );
    await insertCapacities(tx, organisationId, id, input.capacities);
    await insertTracks(
      tx,
      organisationId,
      id,
      input.tracks.map((t) => ({ id: randomUUID(), ...t })),
    );
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'programme',
      objectId: id,
      ...(grant ? { role: grant.role, unitId: grant.unitId } : {}),
      details: { code: input.code },
    });
  });
  return { id };
}
