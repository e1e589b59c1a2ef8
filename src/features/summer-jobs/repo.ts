import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../db/connection.ts';
import type {
  OutboxTable,
  SummerApplicationTable,
  SummerOfferStatus,
  SummerOfferTable,
  SummerPeriodTable,
  SummerRunTable,
  SummerSeasonTable,
  SummerSlotTable,
} from '../../db/schema.ts';

/** SQL for summer jobs. Every query is scoped by organisation_id. */

export async function insertSeason(tx: Tx, row: Insertable<SummerSeasonTable>) {
  await tx.insertInto('summer_season').values(row).execute();
}

export async function insertPeriods(tx: Tx, rows: Insertable<SummerPeriodTable>[]) {
  if (rows.length > 0) await tx.insertInto('summer_period').values(rows).execute();
}

export async function findSeason(tx: Tx, organisationId: string, id: string, lock = false) {
  let q = tx
    .selectFrom('summer_season')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** For the CLI, which knows only the season id. */
export async function findSeasonOrganisation(tx: Tx, id: string) {
  const r = await tx
    .selectFrom('summer_season')
    .select('organisation_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return r?.organisation_id;
}

export async function listSeasons(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('summer_season')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('year', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function updateSeason(
  tx: Tx,
  organisationId: string,
  id: string,
  set: Updateable<SummerSeasonTable>,
) {
  await tx
    .updateTable('summer_season')
    .set(set)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function listPeriods(tx: Tx, organisationId: string, seasonId: string) {
  return tx
    .selectFrom('summer_period')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('season_id', '=', seasonId)
    .orderBy('starts_on')
    .orderBy('code')
    .execute();
}

export async function insertSlot(tx: Tx, row: Insertable<SummerSlotTable>) {
  await tx.insertInto('summer_slot').values(row).execute();
}

export async function findSlotByWorkplacePeriod(
  tx: Tx,
  organisationId: string,
  seasonId: string,
  workplaceId: string,
  periodId: string,
) {
  return tx
    .selectFrom('summer_slot')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('season_id', '=', seasonId)
    .where('workplace_id', '=', workplaceId)
    .where('period_id', '=', periodId)
    .executeTakeFirst();
}

/** Slots of a season with their workplace's name and kind and their period. */
/** The season's slots; with `onlyIds`, just those (an application reads its own choices, not all 2,000). */
export async function listSlots(
  tx: Tx,
  organisationId: string,
  seasonId: string,
  onlyIds?: readonly string[],
) {
  if (onlyIds && onlyIds.length === 0) return [];
  let q = tx
    .selectFrom('summer_slot as s')
    .innerJoin('workplace as w', (j) =>
      j.onRef('w.organisation_id', '=', 's.organisation_id').onRef('w.id', '=', 's.workplace_id'),
    )
    .innerJoin('summer_period as p', (j) =>
      j.onRef('p.organisation_id', '=', 's.organisation_id').onRef('p.id', '=', 's.period_id'),
    )
    .select([
      's.id',
      's.workplace_id',
      's.period_id',
      's.area',
      's.places',
      's.min_age',
      's.requirements',
      'w.name as workplace_name',
      'w.kind as workplace_kind',
      'p.code as period_code',
      'p.starts_on',
      'p.ends_on',
    ])
    .where('s.organisation_id', '=', organisationId)
    .where('s.season_id', '=', seasonId);
  if (onlyIds) q = q.where('s.id', 'in', [...onlyIds]);
  return q.orderBy('p.starts_on').orderBy('w.name').orderBy('s.id').execute();
}
export type SlotRow = Awaited<ReturnType<typeof listSlots>>[number];

export async function insertApplication(tx: Tx, row: Insertable<SummerApplicationTable>) {
  await tx.insertInto('summer_application').values(row).execute();
}

export async function updateApplication(
  tx: Tx,
  organisationId: string,
  id: string,
  set: Updateable<SummerApplicationTable>,
) {
  await tx
    .updateTable('summer_application')
    .set(set)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function findApplicationByPersonnummer(
  tx: Tx,
  organisationId: string,
  seasonId: string,
  personnummer: string,
) {
  return tx
    .selectFrom('summer_application')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('season_id', '=', seasonId)
    .where('personnummer', '=', personnummer)
    .executeTakeFirst();
}

export async function findApplication(tx: Tx, organisationId: string, id: string, lock = false) {
  let q = tx
    .selectFrom('summer_application')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listApplications(tx: Tx, organisationId: string, seasonId: string) {
  return tx
    .selectFrom('summer_application')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('season_id', '=', seasonId)
    .orderBy('created_at')
    .orderBy('reference')
    .execute();
}
export type ApplicationRow = Awaited<ReturnType<typeof listApplications>>[number];

/** Only what the allocation needs (no names or contact details): 10,000 rows decode in a fraction of the time. */
export async function listApplicationsForAllocation(tx: Tx, organisationId: string, seasonId: string) {
  return tx
    .selectFrom('summer_application')
    .select(['id', 'birth_date', 'municipality_code', 'first_time', 'social_priority', 'status'])
    .where('organisation_id', '=', organisationId)
    .where('season_id', '=', seasonId)
    .where('status', '!=', 'aterkallad')
    .orderBy('created_at')
    .orderBy('reference')
    .execute();
}

export async function replaceChoices(
  tx: Tx,
  organisationId: string,
  applicationId: string,
  slotIds: string[],
) {
  await tx
    .deleteFrom('summer_choice')
    .where('organisation_id', '=', organisationId)
    .where('application_id', '=', applicationId)
    .execute();
  await tx
    .insertInto('summer_choice')
    .values(
      slotIds.map((slotId, i) => ({
        organisation_id: organisationId,
        application_id: applicationId,
        rank: i + 1,
        slot_id: slotId,
      })),
    )
    .execute();
}

export async function choicesOf(tx: Tx, organisationId: string, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  return tx
    .selectFrom('summer_choice')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('application_id', 'in', applicationIds)
    .orderBy('application_id')
    .orderBy('rank')
    .execute();
}

export async function seasonChoices(tx: Tx, organisationId: string, seasonId: string) {
  return tx
    .selectFrom('summer_choice as c')
    .innerJoin('summer_application as a', (j) =>
      j.onRef('a.organisation_id', '=', 'c.organisation_id').onRef('a.id', '=', 'c.application_id'),
    )
    .select(['c.application_id', 'c.rank', 'c.slot_id'])
    .where('c.organisation_id', '=', organisationId)
    .where('a.season_id', '=', seasonId)
    .orderBy('c.application_id')
    .orderBy('c.rank')
    .execute();
}

export async function insertToken(
  tx: Tx,
  row: {
    organisationId: string;
    tokenHash: string;
    applicationId: string;
    purpose: 'application' | 'offer';
    now: Date;
    expiresAt: Date;
  },
) {
  await tx
    .updateTable('summer_access_token')
    .set({ revoked_at: row.now })
    .where('organisation_id', '=', row.organisationId)
    .where('application_id', '=', row.applicationId)
    .where('purpose', '=', row.purpose)
    .where('revoked_at', 'is', null)
    .execute();
  await tx
    .insertInto('summer_access_token')
    .values({
      organisation_id: row.organisationId,
      token_hash: row.tokenHash,
      application_id: row.applicationId,
      purpose: row.purpose,
      created_at: row.now,
      expires_at: row.expiresAt,
      revoked_at: null,
    })
    .execute();
}

export async function findToken(tx: Tx, organisationId: string, tokenHash: string) {
  return tx
    .selectFrom('summer_access_token')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function insertOutbox(tx: Tx, row: Insertable<OutboxTable>) {
  await tx.insertInto('outbox').values(row).execute();
}

export async function listOutbox(tx: Tx, organisationId: string, limit: number) {
  return tx
    .selectFrom('outbox')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function countAttempts(tx: Tx, key: string, since: Date) {
  const r = await tx
    .selectFrom('summer_public_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('attempted_at', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertAttempt(tx: Tx, key: string, at: Date) {
  await tx.insertInto('summer_public_attempt').values({ key, attempted_at: at }).execute();
}

export async function insertRun(tx: Tx, row: Insertable<SummerRunTable>) {
  await tx.insertInto('summer_run').values(row).execute();
}

export async function findRun(tx: Tx, organisationId: string, seasonId: string, id: string) {
  return tx
    .selectFrom('summer_run')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('season_id', '=', seasonId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listRuns(tx: Tx, organisationId: string, seasonId: string) {
  return tx
    .selectFrom('summer_run')
    .select(['id', 'mode', 'seed', 'report', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('season_id', '=', seasonId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertOffers(tx: Tx, rows: Insertable<SummerOfferTable>[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insertInto('summer_offer')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function listOffers(tx: Tx, organisationId: string, seasonId: string) {
  return tx
    .selectFrom('summer_offer')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('season_id', '=', seasonId)
    .orderBy('offered_at')
    .orderBy('id')
    .execute();
}
export type OfferRow = Awaited<ReturnType<typeof listOffers>>[number];

export async function findOffer(tx: Tx, organisationId: string, id: string, lock = false) {
  let q = tx
    .selectFrom('summer_offer')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateOffer(
  tx: Tx,
  organisationId: string,
  id: string,
  set: Updateable<SummerOfferTable>,
) {
  await tx
    .updateTable('summer_offer')
    .set(set)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function expiredOffers(tx: Tx, organisationId: string, seasonId: string, now: Date) {
  return tx
    .selectFrom('summer_offer')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('season_id', '=', seasonId)
    .where('status', '=', 'erbjuden' satisfies SummerOfferStatus)
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function linkSupervisor(tx: Tx, organisationId: string, workplaceId: string, userId: string) {
  await tx
    .insertInto('summer_workplace_user')
    .values({ organisation_id: organisationId, workplace_id: workplaceId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function workplacesOfUser(tx: Tx, organisationId: string, userId: string) {
  const rows = await tx
    .selectFrom('summer_workplace_user')
    .select('workplace_id')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .execute();
  return new Set(rows.map((r) => r.workplace_id));
}

export async function userExists(tx: Tx, organisationId: string, userId: string) {
  return tx
    .selectFrom('app_user')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** Active users with the role handledare, and the workplaces each is linked to for summer jobs. */
export async function listSupervisorUsers(tx: Tx, organisationId: string) {
  const users = await tx
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', (j) =>
      j.onRef('r.organisation_id', '=', 'u.organisation_id').onRef('r.user_id', '=', 'u.id'),
    )
    .select(['u.id', 'u.display_name', 'u.username'])
    .distinct()
    .where('u.organisation_id', '=', organisationId)
    .where('u.active', '=', true)
    .where('r.role', '=', 'handledare')
    .execute();
  const links = await tx
    .selectFrom('summer_workplace_user as l')
    .innerJoin('workplace as w', (j) =>
      j.onRef('w.organisation_id', '=', 'l.organisation_id').onRef('w.id', '=', 'l.workplace_id'),
    )
    .select(['l.user_id', 'l.workplace_id', 'w.name'])
    .where('l.organisation_id', '=', organisationId)
    .execute();
  return { users, links };
}
