import { z } from 'zod';
import { defineRoute } from '../../../http/registry.ts';
import { errorResponses, personParams, purposeOf, uuid } from '../http.ts';
import { caseworkPolicy } from '../policy.ts';
import { createReferral } from './create-referral.ts';
import { decideReferral } from './decide-referral.ts';
import { listReferrals } from './list-referrals.ts';
import { recordReferralStart } from './record-referral-start.ts';
import { createReferralBody, decideReferralBody, referralStartBody, referralView } from './schema.ts';

const referralParams = personParams.extend({ referralId: uuid });

export const referralRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/participants/:personId/referrals',
    summary: 'Personens anvisningar med beslut',
    tags: ['casework'],
    access: caseworkPolicy.ref('read'),
    params: personParams,
    responses: {
      200: { description: 'OK', schema: z.object({ referrals: z.array(referralView) }) },
      ...errorResponses,
    },
    handler: async ({ ctx, params, c }) =>
      c.json(await listReferrals(ctx, params.personId, { purpose: purposeOf(c) })),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:personId/referrals',
    summary: 'Registrera en anvisning',
    tags: ['casework'],
    access: caseworkPolicy.ref('write'),
    params: personParams,
    body: createReferralBody,
    responses: {
      201: { description: 'Skapad', schema: referralView },
      422: { description: 'Regelbrott' },
      ...errorResponses,
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await createReferral(ctx, params.personId, body, { purpose: purposeOf(c) }), 201),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:personId/referrals/:referralId/decision',
    summary: 'Beslut om anvisning: anta, väntelista eller avslå',
    tags: ['casework'],
    access: caseworkPolicy.ref('write'),
    params: referralParams,
    body: decideReferralBody,
    responses: {
      200: { description: 'OK', schema: referralView },
      422: { description: 'Regelbrott' },
      ...errorResponses,
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await decideReferral(ctx, params.personId, params.referralId, body, { purpose: purposeOf(c) })),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:personId/referrals/:referralId/start',
    summary: 'Ange startdatum för en antagen anvisning',
    tags: ['casework'],
    access: caseworkPolicy.ref('write'),
    params: referralParams,
    body: referralStartBody,
    responses: {
      200: { description: 'OK', schema: referralView },
      422: { description: 'Regelbrott' },
      ...errorResponses,
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(
        await recordReferralStart(ctx, params.personId, params.referralId, body.startDate, {
          purpose: purposeOf(c),
        }),
      ),
  }),
];
