import type { Ctx } from '../../context.ts';
import { parsePersonnummer } from '../../domain/personnummer.ts';
import { ruleViolation } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields } from './access.ts';
import { todayInSweden } from './dates.ts';
import { withPerson } from './person-tx.ts';
import { participantsPolicy } from './policy.ts';
import { invalid, refuseDuplicate } from './register-participant.ts';
import { insertIdentityHistory, personsByNumbers, updatePersonRow } from './repo.ts';

/**
 * A samordningsnummer is replaced by a personnummer when the person is folkbokförd (DOMAIN.md §2.3).
 * The old number moves to `person_identity_history` (still found by search and duplicate checks), the
 * person keeps its id, so every record and audit event stays attached.
 */
export async function replaceIdentity(ctx: Ctx, personId: string, newNumber: string, purpose: string | null) {
  const actor = ctx.actor!;
  const parsed = parsePersonnummer(newNumber, { referenceDate: todayInSweden(ctx.clock) });
  if (!parsed.ok) throw invalid([{ path: 'body.personnummer', message: parsed.message }]);
  if (parsed.value.kind !== 'personnummer') {
    throw invalid([
      { path: 'body.personnummer', message: 'Ange det nya personnumret (inte ett samordningsnummer).' },
    ]);
  }
  return withPerson(ctx, personId, participantsPolicy.rules.write, purpose, async (tx, access) => {
    const p = access.person;
    if (p.identity_kind !== 'samordningsnummer') {
      throw ruleViolation(
        'not_coordination_number',
        'Bara ett samordningsnummer kan ersättas med ett personnummer.',
        'Only a coordination number can be replaced by a personal identity number.',
      );
    }
    const existing = (await personsByNumbers(tx, actor.organisationId, [parsed.value.normalized]))[0];
    if (existing) return refuseDuplicate(ctx, tx, existing, access.grant);
    const now = ctx.clock.now();
    await insertIdentityHistory(tx, {
      organisationId: actor.organisationId,
      personId: p.id,
      personnummer: p.personnummer,
      identityKind: p.identity_kind,
      validTo: now,
    });
    await updatePersonRow(tx, actor.organisationId, p.id, {
      personnummer: parsed.value.normalized,
      identity_kind: 'personnummer',
      identity_status: 'aktiv',
      birth_date: parsed.value.birthDate,
      updated_at: now,
      last_entry_at: now,
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      details: { fields: ['identity'], from: 'samordningsnummer', to: 'personnummer' },
    });
    return { id: p.id, birthDateChanged: parsed.value.birthDate !== p.birth_date };
  });
}
