import { z } from 'zod';
import { defineRoute } from '../../http/registry.ts';
import { PURPOSE_HEADER } from '../participants/access.ts';
import { subjectAccessPolicy } from './policy.ts';
import { produceRegisterutdrag, produceRegisterutdragForPersonnummer } from './registerutdrag.ts';

/** In the body, not the address, so the number stays out of access logs and browser history. */
const byPersonnummerSchema = z.strictObject({
  personnummer: z.string().trim().min(1, { error: 'Ange ett personnummer eller samordningsnummer.' }).max(20),
  purpose: z.string().trim().max(500).nullable().optional(),
});

export const subjectAccessRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/participants/:id/registerutdrag',
    summary: 'Registerutdrag: alla uppgifter om personen i alla tabeller, och loggen om dem',
    tags: ['participants'],
    access: subjectAccessPolicy.ref('produce'),
    params: z.object({ id: z.uuid() }),
    responses: {
      200: { description: 'Utdraget som JSON' },
      404: { description: 'Finns inte eller ingen behörighet' },
    },
    handler: async ({ ctx, params, c }) => {
      const purpose = c.req.header(PURPOSE_HEADER);
      const extract = await produceRegisterutdrag(
        ctx,
        params.id,
        purpose ? decodeURIComponent(purpose) : null,
      );
      c.header('Content-Disposition', `attachment; filename="registerutdrag-${params.id}.json"`);
      return c.json(extract);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/registerutdrag',
    summary:
      'Registerutdrag från personnummer: en registrerad person, eller en ungdom som bara finns i ansökningar om feriearbete',
    tags: ['participants'],
    access: subjectAccessPolicy.ref('produceByPersonnummer'),
    body: byPersonnummerSchema,
    responses: {
      200: {
        description: 'Utdraget som JSON (samma format som för en person; personId är null utan person)',
      },
      403: { description: 'Skyddade uppgifter: ange syfte' },
      404: { description: 'Inga uppgifter om personnumret (eller ingen behörighet)' },
      422: { description: 'Ogiltigt personnummer' },
    },
    handler: async ({ ctx, grant, body, c }) => {
      const header = c.req.header(PURPOSE_HEADER);
      const purpose = body.purpose ?? (header ? decodeURIComponent(header) : null);
      const extract = await produceRegisterutdragForPersonnummer(ctx, grant, body.personnummer, purpose);
      const name = extract.personId ?? `ferieansokan-${extract.generatedAt.slice(0, 10)}`;
      c.header('Content-Disposition', `attachment; filename="registerutdrag-${name}.json"`);
      return c.json(extract);
    },
  }),
];
