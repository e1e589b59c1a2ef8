import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Actor, Ctx, RoleGrant } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import type { ProtectionLevel, Schema } from '../../db/schema.ts';
import { AppError, DeniedError } from '../../http/errors.ts';
import { grantsFor, type PolicyRule } from '../../http/policy.ts';

/**
 * The only way to reach one person: the actor's grants on the person's unit and caseload, then the
 * protection grade (explicit permission per grade; skyddad folkbokföring also needs the case's access
 * list), then a purpose for protected persons. A person the actor may not reach is "not found" — the
 * answer never reveals that a protected person exists.
 */

export interface ActorProtection {
  levels: Set<ProtectionLevel>;
  teamIds: Set<string>;
}

export async function loadActorProtection(tx: Tx, actor: Actor): Promise<ActorProtection> {
  const [perms, teams] = await Promise.all([
    tx
      .selectFrom('user_protection_permission')
      .select('protection_level')
      .where('organisation_id', '=', actor.organisationId)
      .where('user_id', '=', actor.userId)
      .execute(),
    tx
      .selectFrom('team_member')
      .select('team_id')
      .where('organisation_id', '=', actor.organisationId)
      .where('user_id', '=', actor.userId)
      .execute(),
  ]);
  return {
    levels: new Set(perms.map((p) => p.protection_level as ProtectionLevel)),
    teamIds: new Set(teams.map((t) => t.team_id)),
  };
}

interface PersonScopeFields {
  responsible_unit_id: string;
  case_worker_user_id: string | null;
  team_id: string | null;
}

/** The first grant that reaches this person through unit and caseload. */
export function grantForPerson(
  actor: Actor,
  rule: PolicyRule,
  person: PersonScopeFields,
  protection: ActorProtection,
): RoleGrant | undefined {
  return grantsFor(actor, rule, person.responsible_unit_id).find((g) => {
    if (rule.scope !== 'caseload' || g.role !== 'handlaggare') return true;
    return (
      person.case_worker_user_id === actor.userId ||
      person.case_worker_user_id === null ||
      (person.team_id !== null && protection.teamIds.has(person.team_id))
    );
  });
}

export const PURPOSE_HEADER = 'x-insats-purpose';

export type PersonRow = NonNullable<Awaited<ReturnType<typeof fetchPersonRow>>>;

export interface PersonAccess {
  person: PersonRow;
  grant: RoleGrant;
  isProtected: boolean;
  purpose: string | null;
}

async function fetchPersonRow(tx: Tx, organisationId: string, personId: string) {
  return tx
    .selectFrom('person')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

const notFound = () => new AppError(404, 'not_found', 'not_found');

/** Protected data is opened only with a stated purpose (403 until one is given). */
export const purposeRequired = () =>
  new AppError(403, 'purpose_required', {
    sv: 'Ange syftet med att öppna ärendet. Uppgifterna är skyddade och varje åtkomst loggas.',
    en: 'State the purpose of opening the case. The data is protected and every access is logged.',
  });

/**
 * Authorises the actor for `rule` on one person inside `tx`. Refusals write a `deny` event (raised
 * severity for protected persons, written after rollback by the HTTP error handler) and answer 404. The caller writes its own read/update event with
 * `auditFields(access)`.
 */
export async function authorizePerson(
  ctx: Ctx,
  tx: Tx,
  personId: string,
  rule: PolicyRule,
  opts: { purpose?: string | null } = {},
): Promise<PersonAccess> {
  const actor = ctx.actor;
  if (!actor) throw new AppError(401, 'unauthenticated', 'unauthenticated');
  if (!/^[0-9a-f-]{36}$/i.test(personId)) throw notFound();
  const person = await fetchPersonRow(tx, actor.organisationId, personId);
  if (!person) throw notFound();
  const protection = await loadActorProtection(tx, actor);
  const isProtected = person.protection_level !== 'none';
  // The deny event is written by the HTTP error handler after this transaction rolls back.
  const deny = (reason: string) =>
    new DeniedError(notFound(), {
      objectType: 'person',
      objectId: person.id,
      subjectPersonId: person.id,
      severity: isProtected ? 'raised' : 'normal',
      details: { reason },
    });
  const grant = grantForPerson(actor, rule, person, protection);
  if (!grant) throw deny('outside_scope');
  if (isProtected) {
    if (!protection.levels.has(person.protection_level)) throw deny('no_protection_permission');
    if (person.protection_level === 'skyddad_folkbokforing') {
      const listed = await tx
        .selectFrom('person_access')
        .select('user_id')
        .where('organisation_id', '=', actor.organisationId)
        .where('person_id', '=', person.id)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      if (!listed) throw deny('not_on_access_list');
    }
    const purpose = opts.purpose?.trim();
    if (!purpose) {
      throw purposeRequired();
    }
    return { person, grant, isProtected, purpose };
  }
  return { person, grant, isProtected, purpose: opts.purpose?.trim() || null };
}

/** The audit fields every event about this person carries. */
export function auditFields(access: PersonAccess) {
  return {
    subjectPersonId: access.person.id,
    objectType: 'person',
    objectId: access.person.id,
    role: access.grant.role,
    unitId: access.grant.unitId,
    severity: access.isProtected ? ('raised' as const) : ('normal' as const),
    ...(access.purpose ? { purpose: access.purpose } : {}),
  };
}

/**
 * Narrows a query over `person as p` to the persons the actor may see in lists and searches: in the
 * units of a grant satisfying `rule`, within the caseload for handläggare, and protected persons only
 * with the grade's permission (and the access list for skyddad folkbokföring).
 */
export function visiblePersons<O>(
  qb: SelectQueryBuilder<Schema & { p: Schema['person'] }, 'p', O>,
  actor: Actor,
  rule: PolicyRule,
  protection: ActorProtection,
): SelectQueryBuilder<Schema & { p: Schema['person'] }, 'p', O> {
  const grants = grantsFor(actor, rule);
  const unitWide = new Set<string>();
  const caseloadUnits = new Set<string>();
  for (const g of grants) {
    const units = actor.unitScope.get(g.role) ?? new Set<string>();
    for (const u of units)
      (rule.scope === 'caseload' && g.role === 'handlaggare' ? caseloadUnits : unitWide).add(u);
  }
  for (const u of unitWide) caseloadUnits.delete(u);
  const teamIds = [...protection.teamIds];
  return qb
    .where('p.organisation_id', '=', actor.organisationId)
    .where((eb: ExpressionBuilder<Schema & { p: Schema['person'] }, 'p'>) => {
      const ors = [];
      if (unitWide.size > 0) ors.push(eb('p.responsible_unit_id', 'in', [...unitWide]));
      if (caseloadUnits.size > 0) {
        const mine = [
          eb('p.case_worker_user_id', '=', actor.userId),
          eb('p.case_worker_user_id', 'is', null),
        ];
        if (teamIds.length > 0) mine.push(eb('p.team_id', 'in', teamIds));
        ors.push(eb.and([eb('p.responsible_unit_id', 'in', [...caseloadUnits]), eb.or(mine)]));
      }
      if (ors.length === 0) return eb.val(false);
      return eb.or(ors);
    })
    .where((eb: ExpressionBuilder<Schema & { p: Schema['person'] }, 'p'>) => {
      const allowed = [eb('p.protection_level', '=', 'none')];
      if (protection.levels.has('sekretessmarkering'))
        allowed.push(eb('p.protection_level', '=', 'sekretessmarkering'));
      if (protection.levels.has('skyddad_folkbokforing')) {
        allowed.push(
          eb.and([
            eb('p.protection_level', '=', 'skyddad_folkbokforing'),
            eb.exists(
              eb
                .selectFrom('person_access as pa')
                .select('pa.user_id')
                .whereRef('pa.organisation_id', '=', 'p.organisation_id')
                .whereRef('pa.person_id', '=', 'p.id')
                .where('pa.user_id', '=', actor.userId),
            ),
          ]),
        );
      }
      return eb.or(allowed);
    });
}
