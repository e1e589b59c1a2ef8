import type { Updateable } from 'kysely';
import type { Ctx } from '../../context.ts';
import type { PersonTable } from '../../db/schema.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import { grantsFor } from '../../http/policy.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields } from './access.ts';
import { personCodeLists } from './code-lists.ts';
import { checkAssignment, checkCodes, nameColumns, occupationRows, prefixIssues } from './person-fields.ts';
import { Refusal, withPerson } from './person-tx.ts';
import { participantsPolicy } from './policy.ts';
import { invalid } from './register-participant.ts';
import { replaceLanguages, replaceOccupations, updatePersonEdited } from './repo.ts';
import type { UpdateInput } from './schema.ts';

/**
 * Edits a person's registry fields (not the identity number: see replaceIdentity; not the protection
 * grade: see changeProtection). Moving a person to another unit needs `participants.register` there.
 * One transaction with one `update` event naming the changed field groups (never their values).
 * With `expectedUpdatedAt`, refused with 409 `person_changed` (and a failed `update` event) if the
 * person was saved since.
 */
export async function updateParticipant(
  ctx: Ctx,
  personId: string,
  input: UpdateInput,
  purpose: string | null,
) {
  const actor = ctx.actor!;
  const lists = await personCodeLists(ctx.db);
  const codeIssues = prefixIssues('body', checkCodes(lists, input));
  if (codeIssues.length > 0) throw invalid(codeIssues);
  return withPerson(ctx, personId, participantsPolicy.rules.write, purpose, async (tx, access) => {
    const p = access.person;
    const unitId = input.responsibleUnitId ?? p.responsible_unit_id;
    if (
      unitId !== p.responsible_unit_id &&
      grantsFor(actor, participantsPolicy.rules.register, unitId).length === 0
    ) {
      await recordAudit(tx, ctx, {
        action: 'deny',
        outcome: 'denied',
        ...auditFields(access),
        details: { reason: 'target_unit_outside_scope', unitId },
      });
      return new Refusal(forbidden());
    }
    const caseWorker = input.caseWorkerUserId !== undefined ? input.caseWorkerUserId : p.case_worker_user_id;
    const team = input.teamId !== undefined ? input.teamId : p.team_id;
    const assignment = await checkAssignment(
      tx,
      actor,
      unitId,
      unitId !== p.responsible_unit_id || input.caseWorkerUserId !== undefined ? caseWorker : null,
      unitId !== p.responsible_unit_id || input.teamId !== undefined ? team : null,
    );
    if (assignment.length > 0) throw invalid(prefixIssues('body', assignment));

    const now = ctx.clock.now();
    const patch: Omit<Updateable<PersonTable>, 'updated_at'> = { last_entry_at: now };
    const changed: string[] = [];
    const firstName = input.firstName ?? p.first_name;
    const lastName = input.lastName ?? p.last_name;
    if (input.firstName !== undefined || input.lastName !== undefined) {
      Object.assign(patch, {
        first_name: firstName,
        last_name: lastName,
        ...nameColumns(firstName, lastName),
      });
      changed.push('name');
    }
    if (input.sex !== undefined) {
      patch.sex = input.sex;
      changed.push('sex');
    }
    if (input.email !== undefined) {
      patch.email = input.email;
      changed.push('email');
    }
    if (input.phone !== undefined) {
      patch.phone = input.phone;
      changed.push('phone');
    }
    if (input.address !== undefined) {
      patch.address_street = input.address?.street ?? null;
      patch.address_postal_code = input.address?.postalCode ?? null;
      patch.address_city = input.address?.city ?? null;
      changed.push('address');
    }
    if (input.municipalityCode !== undefined) {
      patch.municipality_code = input.municipalityCode;
      changed.push('municipalityCode');
    }
    if (input.educationLevel !== undefined) {
      patch.education_level_code = input.educationLevel;
      patch.education_level_version = input.educationLevel ? lists.educationLevel.version : null;
      changed.push('educationLevel');
    }
    if (input.drivingLicences !== undefined) {
      patch.driving_licences = input.drivingLicences;
      changed.push('drivingLicences');
    }
    if (input.akassa !== undefined) {
      patch.akassa_code = input.akassa?.code ?? null;
      patch.akassa_member_since = input.akassa?.memberSince ?? null;
      patch.akassa_version = input.akassa ? lists.unemploymentFund.version : null;
      changed.push('akassa');
    }
    if (input.incomeSource !== undefined) {
      patch.income_source = input.incomeSource;
      changed.push('incomeSource');
    }
    if (input.assistanceMonths !== undefined) {
      patch.assistance_months = input.assistanceMonths;
      changed.push('assistanceMonths');
    }
    if (input.adjustmentNeeds !== undefined) {
      patch.adjustment_needs = input.adjustmentNeeds;
      changed.push('adjustmentNeeds');
    }
    if (unitId !== p.responsible_unit_id) {
      patch.responsible_unit_id = unitId;
      changed.push('responsibleUnit');
    }
    if (input.caseWorkerUserId !== undefined) {
      patch.case_worker_user_id = input.caseWorkerUserId;
      changed.push('caseWorker');
    }
    if (input.teamId !== undefined) {
      patch.team_id = input.teamId;
      changed.push('team');
    }
    if (input.status !== undefined) {
      patch.status = input.status;
      changed.push('status');
    }
    if (input.languages !== undefined) changed.push('languages');
    if (input.occupations !== undefined) changed.push('occupations');
    const expected = input.expectedUpdatedAt === undefined ? undefined : new Date(input.expectedUpdatedAt);
    const updatedAt = await updatePersonEdited(tx, actor.organisationId, p.id, patch, now, expected);
    if (!updatedAt) {
      // Someone saved the person after this editor read it: refuse rather than overwrite their save.
      // Nothing was written; the refused attempt is logged (committed) as a failed update.
      await recordAudit(tx, ctx, {
        action: 'update',
        outcome: 'failure',
        ...auditFields(access),
        details: { reason: 'person_changed', fields: changed },
      });
      return new Refusal(
        new AppError(409, 'person_changed', {
          sv: 'Någon annan har sparat ändringar för personen sedan du öppnade sidan. Dina ändringar är inte sparade. Ladda om sidan, så ser du de nya uppgifterna, och gör om dina ändringar.',
          en: 'Someone else has saved changes to this person since you opened the page. Your changes were not saved. Reload the page to see the new details and make your changes again.',
        }),
      );
    }
    if (input.languages !== undefined)
      await replaceLanguages(tx, actor.organisationId, p.id, input.languages);
    if (input.occupations !== undefined) {
      await replaceOccupations(tx, actor.organisationId, p.id, occupationRows(lists, input.occupations));
    }
    await recordAudit(tx, ctx, { action: 'update', ...auditFields(access), details: { fields: changed } });
    return { id: p.id, changed, updatedAt: updatedAt.toISOString() };
  });
}
