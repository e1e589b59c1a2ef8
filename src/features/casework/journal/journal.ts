import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../../context.ts';
import { notFound, ruleViolation } from '../../../http/errors.ts';
import { recordAudit } from '../../audit/record-event.ts';
import { auditFields } from '../../participants/access.ts';
import { touchPersonActivity } from '../person-activity.ts';
import { type PersonOpts, withPerson } from '../person-tx.ts';
import { caseworkPolicy } from '../policy.ts';
import { findNote, insertNote, listNotes } from './repo.ts';
import type { CreateNoteInput, NoteView } from './schema.ts';

type NoteRow = Awaited<ReturnType<typeof listNotes>>[number];

/** Notes newest first; each original carries its corrections (oldest first). */
function presentJournal(rows: NoteRow[]): NoteView[] {
  const base = (r: NoteRow) => ({
    id: r.id,
    text: r.text,
    authorName: r.author_name,
    authorRole: r.author_role,
    writtenAt: new Date(r.written_at).toISOString(),
  });
  const corrections = new Map<string, ReturnType<typeof base>[]>();
  for (const r of [...rows].reverse()) {
    if (r.corrects_note_id)
      corrections.set(r.corrects_note_id, [...(corrections.get(r.corrects_note_id) ?? []), base(r)]);
  }
  return rows
    .filter((r) => !r.corrects_note_id)
    .map((r) => ({
      ...base(r),
      contactKind: r.contact_kind as NoteView['contactKind'],
      contactAt: r.contact_at ? new Date(r.contact_at).toISOString() : null,
      corrections: corrections.get(r.id) ?? [],
    }));
}

/** The person's journal. Writes one read event. */
export async function listJournal(
  ctx: Ctx,
  personId: string,
  opts: PersonOpts = {},
): Promise<{ notes: NoteView[] }> {
  return withPerson(ctx, personId, caseworkPolicy.rules.read, opts, async (tx, access) => {
    const rows = await listNotes(tx, ctx.actor!.organisationId, access.person.id);
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'read',
      objectType: 'journal',
      objectId: undefined,
      details: { count: rows.length },
    });
    return { notes: presentJournal(rows) };
  });
}

async function noteById(ctx: Ctx, tx: Parameters<typeof listNotes>[0], personId: string, id: string) {
  return presentJournal(await listNotes(tx, ctx.actor!.organisationId, personId)).find((n) => n.id === id)!;
}

/**
 * Adds a journal note by the signed-in user. A note that records a contact moves the person's
 * `last_contact_at`; every note moves `last_entry_at` (gallring counts from the last entry).
 */
export async function addJournalNote(
  ctx: Ctx,
  personId: string,
  input: CreateNoteInput,
  opts: PersonOpts = {},
): Promise<NoteView> {
  const now = ctx.clock.now();
  const contactAt = input.contactKind ? (input.contactAt ? new Date(input.contactAt) : now) : null;
  if (contactAt && contactAt.getTime() > now.getTime()) {
    const message = 'Kontakten kan inte ha skett senare än nu.';
    throw ruleViolation('contact_in_future', message, 'The contact cannot be in the future.', [
      { path: 'body.contactAt', message },
    ]);
  }
  return withPerson(ctx, personId, caseworkPolicy.rules.writeContact, opts, async (tx, access) => {
    const actor = ctx.actor!;
    const id = randomUUID();
    await insertNote(tx, {
      organisationId: actor.organisationId,
      id,
      personId: access.person.id,
      text: input.text,
      contactKind: input.contactKind,
      contactAt,
      authorUserId: actor.userId,
      authorName: actor.displayName,
      authorRole: access.grant.role,
      writtenAt: now,
      correctsNoteId: null,
    });
    await touchPersonActivity(tx, actor.organisationId, access.person.id, { entryAt: now, contactAt });
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'create',
      objectType: 'journal_note',
      objectId: id,
      details: { contact: input.contactKind },
    });
    return noteById(ctx, tx, access.person.id, id);
  });
}

/**
 * Corrects a note by adding a correction that references it. The original stays as written (the table
 * refuses UPDATE and DELETE); the listing shows the correction under it.
 */
export async function correctJournalNote(
  ctx: Ctx,
  personId: string,
  noteId: string,
  text: string,
  opts: PersonOpts = {},
): Promise<NoteView> {
  const now = ctx.clock.now();
  return withPerson(ctx, personId, caseworkPolicy.rules.writeContact, opts, async (tx, access) => {
    const actor = ctx.actor!;
    const original = await findNote(tx, actor.organisationId, access.person.id, noteId);
    if (!original) throw notFound();
    if (original.corrects_note_id) {
      throw ruleViolation(
        'correct_the_original',
        'Det här är en rättelse. Lägg till en ny rättelse på den ursprungliga anteckningen i stället.',
        'This is a correction. Add a new correction to the original note instead.',
      );
    }
    const id = randomUUID();
    await insertNote(tx, {
      organisationId: actor.organisationId,
      id,
      personId: access.person.id,
      text,
      contactKind: null,
      contactAt: null,
      authorUserId: actor.userId,
      authorName: actor.displayName,
      authorRole: access.grant.role,
      writtenAt: now,
      correctsNoteId: noteId,
    });
    await touchPersonActivity(tx, actor.organisationId, access.person.id, { entryAt: now });
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'create',
      objectType: 'journal_note',
      objectId: id,
      details: { corrects: noteId },
    });
    return noteById(ctx, tx, access.person.id, noteId);
  });
}
