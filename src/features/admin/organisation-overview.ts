import type { Ctx, RoleGrant } from '../../context.ts';
import { recordAudit } from '../audit/record-event.ts';
import { organisationOverview } from './repo.ts';

const collator = new Intl.Collator('sv');

/** Units and users of the administrator's organisation (no case data). */
export async function getOrganisationOverview(ctx: Ctx, grant: RoleGrant) {
  const actor = ctx.actor!;
  return ctx.db.transaction().execute(async (tx) => {
    const { organisation, units, users, roles } = await organisationOverview(tx, actor.organisationId);
    await recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'organisation',
      objectId: organisation.id,
      role: grant.role,
      unitId: grant.unitId,
    });
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    return {
      organisation,
      units: units
        .map((u) => ({ id: u.id, name: u.name, kind: u.kind, parentId: u.parent_id }))
        .sort((a, b) => collator.compare(a.name, b.name)),
      users: users
        .map((u) => ({
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          active: u.active,
          roles: roles
            .filter((r) => r.user_id === u.id)
            .map((r) => ({ role: r.role, unitId: r.unit_id, unitName: unitName.get(r.unit_id) ?? '' })),
        }))
        .sort((a, b) => collator.compare(a.displayName, b.displayName)),
    };
  });
}
