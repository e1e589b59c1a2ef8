import { sql } from 'kysely';
import type { Tx } from '../../db/connection.ts';

/**
 * THE ONLY WRITE FROM CASE WORK INTO THE REGISTRY'S `person` TABLE. Every case-work write calls it in
 * its own transaction (after `authorizePerson`) so that
 * - `last_entry_at` follows the latest entry in the person's file (gallring: 5 years after the last
 *   entry), and
 * - `last_contact_at` follows the latest contact (a journal note marked as a contact, or a meeting the
 *   participant attended).
 * Both only move forward (GREATEST), so back-dated entries never make the file look older.
 */
export async function touchPersonActivity(
  tx: Tx,
  organisationId: string,
  personId: string,
  at: { entryAt: Date; contactAt?: Date | null },
): Promise<void> {
  const entryAt = at.entryAt.toISOString();
  const contactAt = at.contactAt ? at.contactAt.toISOString() : null;
  await tx
    .updateTable('person')
    .set({
      last_entry_at: sql`GREATEST(last_entry_at, ${entryAt}::timestamptz)`,
      ...(contactAt ? { last_contact_at: sql`GREATEST(last_contact_at, ${contactAt}::timestamptz)` } : {}),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId)
    .execute();
}
