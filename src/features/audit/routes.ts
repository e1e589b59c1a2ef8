import { z } from 'zod';
import { defineRoute } from '../../http/registry.ts';
import { listAuditEvents } from './list-events.ts';
import { auditPolicy } from './policy.ts';

const eventSchema = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  actorUsername: z.string().nullable(),
  role: z.string().nullable(),
  unitName: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  subjectPersonId: z.string().nullable(),
  outcome: z.string(),
  purpose: z.string().nullable(),
  severity: z.enum(['normal', 'raised']),
});

export const auditRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/audit/events',
    summary: 'Logghändelser, nyaste först',
    tags: ['audit'],
    access: auditPolicy.ref('readLog'),
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(500).default(50),
      beforeSeq: z.coerce.number().int().min(1).optional(),
    }),
    responses: {
      200: {
        description: 'OK',
        schema: z.object({ events: z.array(eventSchema), nextBeforeSeq: z.number().nullable() }),
      },
    },
    handler: async ({ ctx, grant, query, c }) => c.json(await listAuditEvents(ctx, grant!, query)),
  }),
];
