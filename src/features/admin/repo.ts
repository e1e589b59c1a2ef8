import type { Db, Tx } from '../../db/connection.ts';

export async function insertOrganisation(
  tx: Tx,
  o: { id: string; name: string; municipalityCode: string | null },
) {
  await tx
    .insertInto('organisation')
    .values({ id: o.id, name: o.name, municipality_code: o.municipalityCode })
    .execute();
}

export async function insertUnit(
  tx: Tx,
  u: { organisationId: string; id: string; name: string; kind: string; parentId: string | null },
) {
  await tx
    .insertInto('unit')
    .values({
      organisation_id: u.organisationId,
      id: u.id,
      name: u.name,
      kind: u.kind,
      parent_id: u.parentId,
    })
    .execute();
}

export async function insertUser(
  tx: Tx,
  u: {
    organisationId: string;
    id: string;
    username: string;
    displayName: string;
    email: string | null;
    passwordHash: string | null;
  },
) {
  await tx
    .insertInto('app_user')
    .values({
      organisation_id: u.organisationId,
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      email: u.email,
      password_hash: u.passwordHash,
    })
    .execute();
}

export async function insertRoles(
  tx: Tx,
  organisationId: string,
  userId: string,
  roles: { role: string; unitId: string }[],
) {
  if (roles.length === 0) return;
  await tx
    .insertInto('user_role')
    .values(
      roles.map((r) => ({
        organisation_id: organisationId,
        user_id: userId,
        role: r.role,
        unit_id: r.unitId,
      })),
    )
    .execute();
}

export async function organisationOverview(db: Db, organisationId: string) {
  const organisation = await db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  const units = await db
    .selectFrom('unit')
    .select(['id', 'name', 'kind', 'parent_id'])
    .where('organisation_id', '=', organisationId)
    .execute();
  const users = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'active'])
    .where('organisation_id', '=', organisationId)
    .execute();
  const roles = await db
    .selectFrom('user_role')
    .select(['user_id', 'role', 'unit_id'])
    .where('organisation_id', '=', organisationId)
    .execute();
  return { organisation, units, users, roles };
}

export async function countOrganisations(db: Db): Promise<number> {
  const r = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '<>', '00000000-0000-0000-0000-000000000000')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
