import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { findProgramme, insertIntake } from './repo.ts';

export async function createIntake(
  ctx: Ctx,
  grant: RoleGrant | null,
  programmeId: string,
  input: {
    name?: string;
    startsOn: string;
    applicationsOpen?: string;
    applicationsClose?: string;
    places?: number | null;
  },
): Promise<{ id: string }> {
  const organisationId = ctx.actor!.organisationId;
  if (input.applicationsOpen && input.applicationsClose && input.applicationsClose < input.applicationsOpen) {
    throw new AppError(422, 'application_window', {
      sv: 'Ansökningsperioden slutar före den börjar.',
      en: 'The application window ends before it starts.',
    });
  }
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    const programme = await findProgramme(tx, organisationId, programmeId);
    if (!programme) throw new AppError(404, 'not_found', 'not_found');
    const clash = await tx
      .selectFrom('intake')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('programme_id', '=', programmeId)
      .where('starts_on', '=', input.startsOn)
      .executeTakeFirst();
    if (clash) {
      throw new AppError(409, 'intake_exists', {
        sv: `Insatsen har redan ett intag som startar ${input.startsOn}.`,
        en: `The programme already has an intake starting ${input.startsOn}.`,
      });
    }
    await insertIntake(tx, {
      organisationId,
      id,
      programmeId,
      name: input.name ?? `Intag ${input.startsOn}`,
      startsOn: input.startsOn,
      open: input.applicationsOpen ?? null,
      close: input.applicationsClose ?? null,
      places: input.places ?? null,
      now: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'intake',
      objectId: id,
      ...(grant ? { role: grant.role, unitId: grant.unitId } : {}),
      details: { programmeId, startsOn: input.startsOn },
    });
  });
  return { id };
}
