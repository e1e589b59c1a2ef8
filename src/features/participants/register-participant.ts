import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { parsePersonnummer } from '../../domain/personnummer.ts';
import { AppError, type FieldIssue, forbidden } from '../../http/errors.ts';
import { grantsFor } from '../../http/policy.ts';
import { recordAudit } from '../audit/record-event.ts';
import { loadActorProtection } from './access.ts';
import { personCodeLists } from './code-lists.ts';
import { todayInSweden } from './dates.ts';
import { checkAssignment, checkCodes, nameColumns, occupationRows, prefixIssues } from './person-fields.ts';
import { inTransaction, Refusal } from './person-tx.ts';
import { participantsPolicy } from './policy.ts';
import { insertLanguages, insertOccupations, insertPersons, personsByNumbers, visibleIds } from './repo.ts';
import type { RegisterInput } from './schema.ts';

export const invalid = (fields: FieldIssue[]) =>
  new AppError(400, 'validation_failed', 'validation_failed', fields);

/** 409 when the actor may see the existing person. */
export const duplicateVisible = () =>
  new AppError(409, 'duplicate_personnummer', {
    sv: 'Det finns redan en deltagare med det här personnumret. Sök upp den befintliga deltagaren i ärendelistan i stället.',
    en: 'A participant with this identity number already exists. Find the existing participant in the caseload instead.',
  });

/** 409 when the actor may not see the existing person: nothing about it is revealed. */
export const duplicateHidden = () =>
  new AppError(409, 'personnummer_unavailable', {
    sv: 'Personnumret kan inte registreras. Kontakta enhetschefen.',
    en: 'This identity number cannot be registered. Contact the unit manager.',
  });

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}

/**
 * Refusal for a number that is already registered in the organisation (now or in identity history).
 * Writes a `create`/`failure` event about the existing person (raised if protected), so the unit
 * manager can see attempts; the message reveals the person only to someone who may see it.
 */
export async function refuseDuplicate(
  ctx: Ctx,
  tx: Tx,
  existing: { id: string; protection_level: string },
  grant: RoleGrant | undefined,
): Promise<Refusal> {
  const actor = ctx.actor!;
  const protection = await loadActorProtection(tx, actor);
  const visible = (await visibleIds(tx, actor, participantsPolicy.rules.read, protection, [existing.id])).has(
    existing.id,
  );
  await recordAudit(tx, ctx, {
    action: 'create',
    outcome: 'failure',
    objectType: 'person',
    objectId: existing.id,
    subjectPersonId: existing.id,
    ...(grant ? { role: grant.role, unitId: grant.unitId } : {}),
    severity: existing.protection_level !== 'none' ? 'raised' : 'normal',
    details: { reason: 'duplicate_personnummer', visibleToActor: visible },
  });
  return new Refusal(visible ? duplicateVisible() : duplicateHidden());
}

/**
 * Registers one person in a unit where the actor holds `participants.register`. The identity number
 * is validated (reference date: today in Sweden) and stored in 12 digits; sex defaults from it.
 * One transaction: person, languages, occupations and the `create` audit event.
 */
export async function registerParticipant(ctx: Ctx, input: RegisterInput): Promise<{ id: string }> {
  const actor = ctx.actor!;
  const today = todayInSweden(ctx.clock);
  const parsed = parsePersonnummer(input.personnummer, { referenceDate: today });
  if (!parsed.ok) throw invalid([{ path: 'body.personnummer', message: parsed.message }]);
  const pnr = parsed.value;
  const lists = await personCodeLists(ctx.db);
  const codeIssues = prefixIssues('body', checkCodes(lists, input));
  if (codeIssues.length > 0) throw invalid(codeIssues);
  const rule = participantsPolicy.rules.register;
  const id = randomUUID();
  try {
    return await inTransaction(ctx, async (tx) => {
      const grant = grantsFor(actor, rule, input.responsibleUnitId)[0];
      if (!grant) {
        await recordAudit(tx, ctx, {
          action: 'deny',
          outcome: 'denied',
          objectType: 'person',
          details: {
            reason: 'unit_outside_scope',
            permission: 'participants.register',
            unitId: input.responsibleUnitId,
          },
        });
        return new Refusal(forbidden());
      }
      const assignment = await checkAssignment(
        tx,
        actor,
        input.responsibleUnitId,
        input.caseWorkerUserId,
        input.teamId,
      );
      if (assignment.length > 0) throw invalid(prefixIssues('body', assignment));
      const existing = (await personsByNumbers(tx, actor.organisationId, [pnr.normalized]))[0];
      if (existing) return refuseDuplicate(ctx, tx, existing, grant);

      const now = ctx.clock.now();
      await insertPersons(tx, [
        {
          organisation_id: actor.organisationId,
          id,
          personnummer: pnr.normalized,
          identity_kind: pnr.kind,
          first_name: input.firstName,
          last_name: input.lastName,
          ...nameColumns(input.firstName, input.lastName),
          sex: input.sex ?? pnr.legalSexDefault,
          birth_date: pnr.birthDate,
          email: input.email ?? null,
          phone: input.phone ?? null,
          address_street: input.address?.street ?? null,
          address_postal_code: input.address?.postalCode ?? null,
          address_city: input.address?.city ?? null,
          municipality_code: input.municipalityCode ?? null,
          education_level_code: input.educationLevel ?? null,
          education_level_version: input.educationLevel ? lists.educationLevel.version : null,
          driving_licences: input.drivingLicences,
          akassa_code: input.akassa?.code ?? null,
          akassa_member_since: input.akassa?.memberSince ?? null,
          akassa_version: input.akassa ? lists.unemploymentFund.version : null,
          income_source: input.incomeSource ?? null,
          assistance_months: input.assistanceMonths ?? null,
          adjustment_needs: input.adjustmentNeeds ?? null,
          responsible_unit_id: input.responsibleUnitId,
          team_id: input.teamId ?? null,
          case_worker_user_id: input.caseWorkerUserId ?? null,
          partner_person_id: null,
          protection_source: null,
          last_entry_at: now,
          created_at: now,
          updated_at: now,
        },
      ]);
      await insertLanguages(
        tx,
        input.languages.map((l) => ({
          organisation_id: actor.organisationId,
          person_id: id,
          language_code: l.code,
          needs_interpreter: l.needsInterpreter,
        })),
      );
      await insertOccupations(
        tx,
        occupationRows(lists, input.occupations).map((o) => ({
          organisation_id: actor.organisationId,
          person_id: id,
          kind: o.kind,
          ssyk_code: o.code,
          ssyk_version: o.version,
        })),
      );
      await recordAudit(tx, ctx, {
        action: 'create',
        objectType: 'person',
        objectId: id,
        subjectPersonId: id,
        role: grant.role,
        unitId: grant.unitId,
        details: { identityKind: pnr.kind },
      });
      return { id };
    });
  } catch (err) {
    // Two registrations of one number at once: the unique index decides; say no more than that.
    if (isUniqueViolation(err)) throw duplicateHidden();
    throw err;
  }
}
