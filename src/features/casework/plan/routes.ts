import { defineRoute } from '../../../http/registry.ts';
import { errorResponses, personParams, purposeOf, uuid } from '../http.ts';
import { caseworkPolicy } from '../policy.ts';
import { addActivity, addGoal, savePlanHeader, updateActivity, updateGoal } from './edit-plan.ts';
import { getPlan } from './get-plan.ts';
import { printPlan } from './print-plan.ts';
import { activityBody, goalBody, planHeaderBody, planView } from './schema.ts';

const planResponses = {
  200: { description: 'Hela planen efter ändringen', schema: planView },
  422: { description: 'Regelbrott' },
  ...errorResponses,
};

export const planRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/participants/:personId/plan',
    summary: 'Personens handlingsplan med mål och aktiviteter',
    tags: ['casework'],
    access: caseworkPolicy.ref('read'),
    params: personParams,
    responses: { 200: { description: 'OK', schema: planView }, ...errorResponses },
    handler: async ({ ctx, params, c }) =>
      c.json(await getPlan(ctx, params.personId, { purpose: purposeOf(c) })),
  }),
  defineRoute({
    method: 'put',
    path: '/api/participants/:personId/plan',
    summary: 'Spara planens datum (när den gjordes och när den följs upp)',
    tags: ['casework'],
    access: caseworkPolicy.ref('write'),
    params: personParams,
    body: planHeaderBody,
    responses: planResponses,
    handler: async ({ ctx, params, body, c }) =>
      c.json(await savePlanHeader(ctx, params.personId, body, { purpose: purposeOf(c) })),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:personId/plan/goals',
    summary: 'Lägg till ett mål i handlingsplanen',
    tags: ['casework'],
    access: caseworkPolicy.ref('write'),
    params: personParams,
    body: goalBody,
    responses: planResponses,
    handler: async ({ ctx, params, body, c }) =>
      c.json(await addGoal(ctx, params.personId, body, { purpose: purposeOf(c) })),
  }),
  defineRoute({
    method: 'put',
    path: '/api/participants/:personId/plan/goals/:goalId',
    summary: 'Ändra ett mål (text, datum, status)',
    tags: ['casework'],
    access: caseworkPolicy.ref('write'),
    params: personParams.extend({ goalId: uuid }),
    body: goalBody,
    responses: planResponses,
    handler: async ({ ctx, params, body, c }) =>
      c.json(await updateGoal(ctx, params.personId, params.goalId, body, { purpose: purposeOf(c) })),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:personId/plan/activities',
    summary: 'Lägg till en aktivitet i handlingsplanen',
    tags: ['casework'],
    access: caseworkPolicy.ref('write'),
    params: personParams,
    body: activityBody,
    responses: planResponses,
    handler: async ({ ctx, params, body, c }) =>
      c.json(await addActivity(ctx, params.personId, body, { purpose: purposeOf(c) })),
  }),
  defineRoute({
    method: 'put',
    path: '/api/participants/:personId/plan/activities/:activityId',
    summary: 'Ändra en aktivitet (typ, ansvarig, datum, status)',
    tags: ['casework'],
    access: caseworkPolicy.ref('write'),
    params: personParams.extend({ activityId: uuid }),
    body: activityBody,
    responses: planResponses,
    handler: async ({ ctx, params, body, c }) =>
      c.json(await updateActivity(ctx, params.personId, params.activityId, body, { purpose: purposeOf(c) })),
  }),
  defineRoute({
    method: 'get',
    path: '/api/participants/:personId/plan.pdf',
    summary: 'Handlingsplanen som tillgänglig PDF för deltagaren (loggas som utskrift)',
    tags: ['casework'],
    access: caseworkPolicy.ref('read'),
    params: personParams,
    responses: { 200: { description: 'application/pdf' }, ...errorResponses },
    handler: async ({ ctx, params, c }) => {
      const { pdf, fileName } = await printPlan(ctx, params.personId, { purpose: purposeOf(c) });
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="${fileName}"`,
      });
    },
  }),
];
