import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../../test/app.ts';
import { auditEventsAbout, grantProtectionPermission, insertTestPerson } from '../../../../test/persons.ts';
import { MINUTE } from '../../../clock.ts';
import type { NoteView } from './schema.ts';

let t: TestApp;
let hl: TestSession;
let personId: string;

beforeAll(async () => {
  t = await createTestApp();
  hl = await t.login('handlaggare');
  personId = await insertTestPerson(t);
});
afterAll(async () => {
  await t.close();
});

const url = (id: string) => `/api/participants/${id}/journal`;
const personTimes = () =>
  t.db
    .selectFrom('person')
    .select(['last_contact_at', 'last_entry_at'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();

describe('journal', () => {
  let note: NoteView;

  it('writes a note with author and time; a plain note moves only last_entry_at', async () => {
    t.clock.advance(5 * MINUTE);
    const res = await t.request('POST', url(personId), {
      session: hl,
      body: { text: 'Ringde om tid till kartläggning.' },
    });
    expect(res.status).toBe(201);
    note = (await res.json()) as NoteView;
    expect(note).toMatchObject({
      authorName: 'Hanna Handläggare',
      authorRole: 'handlaggare',
      writtenAt: t.clock.now().toISOString(),
      contactKind: null,
      corrections: [],
    });
    const times = await personTimes();
    expect(times.last_contact_at).toBeNull();
    expect(new Date(times.last_entry_at).toISOString()).toBe(t.clock.now().toISOString());
    expect((await auditEventsAbout(t, personId)).at(-1)).toMatchObject({
      action: 'create',
      object_type: 'journal_note',
      object_id: note.id,
      subject_person_id: personId,
      severity: 'normal',
    });
  });

  it('a contact note moves last_contact_at to the time of the contact', async () => {
    t.clock.advance(5 * MINUTE);
    const contactAt = new Date(t.clock.now().getTime() - 60 * MINUTE).toISOString();
    const res = await t.request('POST', url(personId), {
      session: hl,
      body: { text: 'Besök. Vi gick igenom planen.', contactKind: 'besok', contactAt },
    });
    expect(res.status).toBe(201);
    const times = await personTimes();
    expect(new Date(times.last_contact_at!).toISOString()).toBe(contactAt);
    const future = await t.request('POST', url(personId), {
      session: hl,
      body: { text: 'Fel', contactKind: 'telefon', contactAt: '2030-01-01T10:00:00Z' },
    });
    expect(future.status).toBe(422);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of notes in the database', async () => {
    await expect(sql`UPDATE journal_note SET text = 'ändrad'`.execute(t.db)).rejects.toThrow(
      /skrivskyddad|permission denied/,
    );
    await expect(sql`DELETE FROM journal_note`.execute(t.db)).rejects.toThrow(
      /skrivskyddad|permission denied/,
    );
    await expect(sql`TRUNCATE journal_note`.execute(t.db)).rejects.toThrow(/skrivskyddad|permission denied/);
    const row = await t.db
      .selectFrom('journal_note')
      .select('text')
      .where('id', '=', note.id)
      .executeTakeFirstOrThrow();
    expect(row.text).toBe('Ringde om tid till kartläggning.');
  });

  it('corrects a note by adding a correction; the original stays and the correction is attached', async () => {
    t.clock.advance(5 * MINUTE);
    const res = await t.request('POST', `${url(personId)}/${note.id}/corrections`, {
      session: hl,
      body: { text: 'Rättelse: det var ett sms, inte ett samtal.' },
    });
    expect(res.status).toBe(201);
    const corrected = (await res.json()) as NoteView;
    expect(corrected.text).toBe('Ringde om tid till kartläggning.');
    expect(corrected.corrections).toEqual([
      expect.objectContaining({
        text: 'Rättelse: det var ett sms, inte ett samtal.',
        authorName: 'Hanna Handläggare',
      }),
    ]);
    const correctionId = corrected.corrections[0]!.id;
    expect((await auditEventsAbout(t, personId)).at(-1)).toMatchObject({
      action: 'create',
      object_type: 'journal_note',
      object_id: correctionId,
    });
    expect((await auditEventsAbout(t, personId)).at(-1)?.details).toEqual({ corrects: note.id });

    // A correction is not corrected in turn: the original is.
    const nested = await t.request('POST', `${url(personId)}/${correctionId}/corrections`, {
      session: hl,
      body: { text: 'x' },
    });
    expect(nested.status).toBe(422);

    // The listing shows notes newest first, corrections under their note, not as notes of their own.
    const list = (await (await t.request('GET', url(personId), { session: hl })).json()) as {
      notes: NoteView[];
    };
    expect(list.notes.map((n) => n.text)).toEqual([
      'Besök. Vi gick igenom planen.',
      'Ringde om tid till kartläggning.',
    ]);
    expect(list.notes[1]!.corrections).toHaveLength(1);
    expect((await auditEventsAbout(t, personId)).at(-1)).toMatchObject({
      action: 'read',
      object_type: 'journal',
    });
  });

  it('refuses a correction of a note of another person', async () => {
    const other = await insertTestPerson(t);
    const res = await t.request('POST', `${url(other)}/${note.id}/corrections`, {
      session: hl,
      body: { text: 'x' },
    });
    expect(res.status).toBe(404);
  });

  it('lets the jobbmäklare write notes too', async () => {
    const jm = await t.login('jobbmaklare');
    const res = await t.request('POST', url(personId), {
      session: jm,
      body: { text: 'Kontakt med arbetsgivare.' },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ authorName: 'Jonas Jobbmäklare', authorRole: 'jobbmaklare' });
  });
});

describe('access', () => {
  it('answers 404 outside the caseload and writes no note', async () => {
    const other = await insertTestPerson(t, { unitName: 'Kompetenscenter Norr' });
    const res = await t.request('POST', url(other), { session: hl, body: { text: 'X' } });
    expect(res.status).toBe(404);
    expect(
      await t.db.selectFrom('journal_note').select('id').where('person_id', '=', other).execute(),
    ).toHaveLength(0);
    expect((await auditEventsAbout(t, other)).map((e) => [e.action, e.severity])).toEqual([
      ['deny', 'normal'],
    ]);
  });

  it('needs a purpose for a protected person and raises severity', async () => {
    const p = await insertTestPerson(t, { protectionLevel: 'sekretessmarkering' });
    // Without the grade permission the deny event itself is raised.
    expect((await t.request('POST', url(p), { session: hl, body: { text: 'X' } })).status).toBe(404);
    expect((await auditEventsAbout(t, p)).at(-1)).toMatchObject({ action: 'deny', severity: 'raised' });
    await grantProtectionPermission(t, 'handlaggare', 'sekretessmarkering');
    expect((await t.request('POST', url(p), { session: hl, body: { text: 'X' } })).status).toBe(403);
    const ok = await t.request('POST', url(p), {
      session: hl,
      body: { text: 'Samtal.', contactKind: 'telefon' },
      headers: { 'x-insats-purpose': 'Dokumentera kontakt' },
    });
    expect(ok.status).toBe(201);
    expect((await auditEventsAbout(t, p)).at(-1)).toMatchObject({
      action: 'create',
      object_type: 'journal_note',
      severity: 'raised',
      purpose: 'Dokumentera kontakt',
    });
  });
});
