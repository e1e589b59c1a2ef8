import type { Tx } from '../../../db/connection.ts';

/** SQL for the journal. Notes are only ever inserted (the table refuses UPDATE and DELETE). */

export async function listNotes(tx: Tx, organisationId: string, personId: string) {
  return tx
    .selectFrom('journal_note')
    .select([
      'id',
      'text',
      'contact_kind',
      'contact_at',
      'author_name',
      'author_role',
      'written_at',
      'corrects_note_id',
    ])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .orderBy('written_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function findNote(tx: Tx, organisationId: string, personId: string, id: string) {
  return tx
    .selectFrom('journal_note')
    .select(['id', 'corrects_note_id'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertNote(
  tx: Tx,
  n: {
    organisationId: string;
    id: string;
    personId: string;
    text: string;
    contactKind: string | null;
    contactAt: Date | null;
    authorUserId: string;
    authorName: string;
    authorRole: string | null;
    writtenAt: Date;
    correctsNoteId: string | null;
  },
) {
  await tx
    .insertInto('journal_note')
    .values({
      organisation_id: n.organisationId,
      id: n.id,
      person_id: n.personId,
      text: n.text,
      contact_kind: n.contactKind,
      contact_at: n.contactAt,
      author_user_id: n.authorUserId,
      author_name: n.authorName,
      author_role: n.authorRole,
      written_at: n.writtenAt,
      corrects_note_id: n.correctsNoteId,
    })
    .execute();
}
