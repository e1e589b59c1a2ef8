import { z } from 'zod';
import { defineRoute } from '../../http/registry.ts';
import { PURPOSE_HEADER } from '../participants/access.ts';
import { subjectAccessPolicy } from './policy.ts';
import { produceRegisterutdrag } from './registerutdrag.ts';

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
];
