import { z } from 'zod';
import { requiredText } from '../http.ts';

export const CONTACT_KINDS = ['besok', 'telefon', 'video', 'meddelande', 'brev'] as const;

export const createNoteBody = z
  .strictObject({
    text: requiredText(10_000, 'Skriv anteckningen.'),
    contactKind: z
      .enum(CONTACT_KINDS, { message: 'Välj typ av kontakt.' })
      .nullish()
      .transform((v) => v ?? null),
    contactAt: z.iso.datetime({ offset: true, message: 'Ange när kontakten var.' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.contactAt && !v.contactKind)
      ctx.addIssue({ code: 'custom', path: ['contactKind'], message: 'Välj typ av kontakt.' });
  });
export type CreateNoteInput = z.infer<typeof createNoteBody>;

export const correctionBody = z.strictObject({ text: requiredText(10_000, 'Skriv rättelsen.') });

const noteBase = z.object({
  id: z.string(),
  text: z.string(),
  authorName: z.string(),
  authorRole: z.string().nullable(),
  writtenAt: z.string(),
});

export const noteView = noteBase.extend({
  contactKind: z.enum(CONTACT_KINDS).nullable(),
  contactAt: z.string().nullable(),
  /** Corrections of this note, oldest first; the note itself is never changed. */
  corrections: z.array(noteBase),
});
export type NoteView = z.infer<typeof noteView>;
