import { z } from 'zod';
import { defineRoute } from '../../../http/registry.ts';
import { errorResponses, personParams, purposeOf, uuid } from '../http.ts';
import { caseworkPolicy } from '../policy.ts';
import { addJournalNote, correctJournalNote, listJournal } from './journal.ts';
import { correctionBody, createNoteBody, noteView } from './schema.ts';

export const journalRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/participants/:personId/journal',
    summary: 'Journalanteckningar, nyaste först, med rättelser under sin anteckning',
    tags: ['casework'],
    access: caseworkPolicy.ref('read'),
    params: personParams,
    responses: {
      200: { description: 'OK', schema: z.object({ notes: z.array(noteView) }) },
      ...errorResponses,
    },
    handler: async ({ ctx, params, c }) =>
      c.json(await listJournal(ctx, params.personId, { purpose: purposeOf(c) })),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:personId/journal',
    summary: 'Skriv en journalanteckning (kan markeras som kontakt)',
    tags: ['casework'],
    access: caseworkPolicy.ref('writeContact'),
    params: personParams,
    body: createNoteBody,
    responses: {
      201: { description: 'Skapad', schema: noteView },
      422: { description: 'Regelbrott' },
      ...errorResponses,
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await addJournalNote(ctx, params.personId, body, { purpose: purposeOf(c) }), 201),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:personId/journal/:noteId/corrections',
    summary: 'Rätta en anteckning genom en rättelse som hänvisar till den (anteckningen ändras aldrig)',
    tags: ['casework'],
    access: caseworkPolicy.ref('writeContact'),
    params: personParams.extend({ noteId: uuid }),
    body: correctionBody,
    responses: {
      201: { description: 'Anteckningen med sina rättelser', schema: noteView },
      422: { description: 'Regelbrott' },
      ...errorResponses,
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(
        await correctJournalNote(ctx, params.personId, params.noteId, body.text, { purpose: purposeOf(c) }),
        201,
      ),
  }),
];
