import type { Ctx } from '../../context.ts';
import { forbidden } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields } from './access.ts';
import { withPerson } from './person-tx.ts';
import { participantsPolicy } from './policy.ts';
import { mayView, presentContact } from './present.ts';

/**
 * "Visa adress": releases address and contact details, which are masked by default for protected
 * persons. Needs a purpose for every person; writes its own `read` event on `person_contact`
 * (raised severity for protected persons) with that purpose.
 */
export async function revealContact(ctx: Ctx, personId: string, purpose: string) {
  return withPerson(ctx, personId, participantsPolicy.rules.read, purpose, async (tx, access) => {
    if (!mayView(access.grant.role, 'contact')) throw forbidden();
    await recordAudit(tx, ctx, {
      action: 'read',
      ...auditFields(access),
      objectType: 'person_contact',
      purpose,
      details: { fields: ['address', 'email', 'phone'] },
    });
    return presentContact(access.person);
  });
}
