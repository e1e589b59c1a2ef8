import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { recordAudit } from '../audit/record-event.ts';
import type { PersonAccess } from './access.ts';
import { countHouseholdMembers, deleteHousehold, updatePersonRow } from './repo.ts';

/**
 * Takes a person out of their household: the partner link is cleared on both sides and an empty
 * household is removed. Returns the partner's id if a link was cleared (the caller audits it).
 */
export async function detachFromHousehold(
  tx: Tx,
  organisationId: string,
  person: { id: string; household_id: string | null; partner_person_id: string | null },
  now: Date,
): Promise<string | null> {
  const partnerId = person.partner_person_id;
  if (partnerId)
    await updatePersonRow(tx, organisationId, partnerId, { partner_person_id: null, updated_at: now });
  await updatePersonRow(tx, organisationId, person.id, {
    household_id: null,
    partner_person_id: null,
    updated_at: now,
    last_entry_at: now,
  });
  if (person.household_id && (await countHouseholdMembers(tx, organisationId, person.household_id)) === 0) {
    await deleteHousehold(tx, organisationId, person.household_id);
  }
  return partnerId;
}

/** An `update` event about another person touched through `access` (partner, household member). */
export async function auditTouched(
  ctx: Ctx,
  tx: Tx,
  access: PersonAccess,
  personId: string,
  protectionLevel: string,
  fields: string[],
) {
  await recordAudit(tx, ctx, {
    action: 'update',
    objectType: 'person',
    objectId: personId,
    subjectPersonId: personId,
    role: access.grant.role,
    unitId: access.grant.unitId,
    severity: protectionLevel !== 'none' ? 'raised' : 'normal',
    ...(access.purpose ? { purpose: access.purpose } : {}),
    details: { fields, via: access.person.id },
  });
}
