import { z } from 'zod';
import { defineRoute } from '../../http/registry.ts';
import { listAuditEvents } from './list-events.ts';
import { auditPolicy } from './policy.ts';
import { accessToPerson, activityOfUser, monthlySample } from './review.ts';

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

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ange datum som ÅÅÅÅ-MM-DD.' });
const period = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });

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
  defineRoute({
    method: 'get',
    path: '/api/audit/persons/:id/access',
    summary: 'Vem har haft åtkomst till en person under en period',
    tags: ['audit'],
    access: auditPolicy.ref('readLog'),
    params: z.object({ id: z.uuid() }),
    query: period,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, grant, params, query, c }) =>
      c.json(await accessToPerson(ctx, grant!, params.id, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/audit/users/:id/activity',
    summary: 'Vad en användare har gjort och sett under en period',
    tags: ['audit'],
    access: auditPolicy.ref('readLog'),
    params: z.object({ id: z.uuid() }),
    query: period,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, grant, params, query, c }) =>
      c.json(await activityOfUser(ctx, grant!, params.id, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/audit/sample',
    summary: 'Månadens slumpmässiga stickprov för logguppföljning (reproducerbart)',
    tags: ['audit'],
    access: auditPolicy.ref('readLog'),
    query: z.strictObject({
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Ange månad som ÅÅÅÅ-MM.' }),
      size: z.coerce.number().int().min(1).max(500).default(25),
    }),
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, grant, query, c }) =>
      c.json(await monthlySample(ctx, grant!, query.month, query.size)),
  }),
];
