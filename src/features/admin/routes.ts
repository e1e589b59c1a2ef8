import { z } from 'zod';
import { defineRoute } from '../../http/registry.ts';
import { getOrganisationOverview } from './organisation-overview.ts';
import { adminPolicy } from './policy.ts';

const roleSchema = z.object({ role: z.string(), unitId: z.string(), unitName: z.string() });

export const adminRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/admin/organisation',
    summary: 'Organisationens enheter och användare',
    tags: ['admin'],
    access: adminPolicy.ref('readOrganisation'),
    responses: {
      200: {
        description: 'OK',
        schema: z.object({
          organisation: z.object({ id: z.string(), name: z.string() }),
          units: z.array(
            z.object({ id: z.string(), name: z.string(), kind: z.string(), parentId: z.string().nullable() }),
          ),
          users: z.array(
            z.object({
              id: z.string(),
              username: z.string(),
              displayName: z.string(),
              active: z.boolean(),
              roles: z.array(roleSchema),
            }),
          ),
        }),
      },
    },
    handler: async ({ ctx, grant, c }) => c.json(await getOrganisationOverview(ctx, grant!)),
  }),
];
