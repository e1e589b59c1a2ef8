import { z } from 'zod';
import { defineRoute } from '../../../http/registry.ts';
import { errorResponses, personParams, purposeOf, uuid } from '../http.ts';
import { caseworkPolicy } from '../policy.ts';
import {
  createKartlaggningForm,
  getKartlaggningForm,
  listKartlaggningForms,
  updateKartlaggningForm,
} from './forms.ts';
import { createKartlaggning, listKartlaggningar, updateKartlaggning } from './kartlaggningar.ts';
import {
  createFormBody,
  createKartlaggningBody,
  formDetailView,
  formSummaryView,
  kartlaggningView,
  updateFormBody,
  updateKartlaggningBody,
} from './schema.ts';

const formParams = z.object({ formId: uuid });

export const kartlaggningRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/participants/:personId/kartlaggning',
    summary: 'Personens kartläggningar, var och en med sin formulärversion',
    tags: ['casework'],
    access: caseworkPolicy.ref('read'),
    params: personParams,
    responses: {
      200: {
        description: 'OK',
        schema: z.object({ kartlaggningar: z.array(kartlaggningView), forms: z.array(formSummaryView) }),
      },
      ...errorResponses,
    },
    handler: async ({ ctx, params, c }) =>
      c.json(await listKartlaggningar(ctx, params.personId, { purpose: purposeOf(c) })),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:personId/kartlaggning',
    summary: 'Skriv en ny kartläggning med formulärets aktuella version',
    tags: ['casework'],
    access: caseworkPolicy.ref('write'),
    params: personParams,
    body: createKartlaggningBody,
    responses: {
      201: { description: 'Skapad', schema: kartlaggningView },
      422: { description: 'Regelbrott' },
      ...errorResponses,
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await createKartlaggning(ctx, params.personId, body, { purpose: purposeOf(c) }), 201),
  }),
  defineRoute({
    method: 'put',
    path: '/api/participants/:personId/kartlaggning/:kartlaggningId',
    summary: 'Spara ändrade svar (kontrolleras mot kartläggningens egen formulärversion)',
    tags: ['casework'],
    access: caseworkPolicy.ref('write'),
    params: personParams.extend({ kartlaggningId: uuid }),
    body: updateKartlaggningBody,
    responses: {
      200: { description: 'OK', schema: kartlaggningView },
      422: { description: 'Regelbrott' },
      ...errorResponses,
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(
        await updateKartlaggning(ctx, params.personId, params.kartlaggningId, body, {
          purpose: purposeOf(c),
        }),
      ),
  }),
  defineRoute({
    method: 'get',
    path: '/api/kartlaggning-forms',
    summary: 'Organisationens kartläggningsformulär',
    tags: ['casework'],
    access: caseworkPolicy.ref('readForms'),
    responses: { 200: { description: 'OK', schema: z.object({ forms: z.array(formSummaryView) }) } },
    handler: async ({ ctx, c }) => c.json(await listKartlaggningForms(ctx)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/kartlaggning-forms',
    summary: 'Skapa ett kartläggningsformulär (version 1)',
    tags: ['casework'],
    access: caseworkPolicy.ref('manageForms'),
    body: createFormBody,
    responses: {
      201: { description: 'Skapat', schema: formDetailView },
      400: { description: 'Ogiltigt formulär' },
    },
    handler: async ({ ctx, body, grant, c }) =>
      c.json(await createKartlaggningForm(ctx, body, { grant }), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/api/kartlaggning-forms/:formId',
    summary: 'Ett kartläggningsformulär i aktuell (eller angiven) version, med versionslista',
    tags: ['casework'],
    access: caseworkPolicy.ref('readForms'),
    params: formParams,
    query: z.strictObject({ version: z.coerce.number().int().min(1).optional() }),
    responses: { 200: { description: 'OK', schema: formDetailView }, 404: { description: 'Finns inte' } },
    handler: async ({ ctx, params, query, c }) =>
      c.json(await getKartlaggningForm(ctx, params.formId, query.version)),
  }),
  defineRoute({
    method: 'put',
    path: '/api/kartlaggning-forms/:formId',
    summary: 'Spara ett ändrat formulär (blir en ny version om frågorna ändrats)',
    tags: ['casework'],
    access: caseworkPolicy.ref('manageForms'),
    params: formParams,
    body: updateFormBody,
    responses: {
      200: { description: 'OK', schema: formDetailView },
      404: { description: 'Finns inte' },
      409: { description: 'Formuläret har ändrats av någon annan' },
    },
    handler: async ({ ctx, params, body, grant, c }) =>
      c.json(await updateKartlaggningForm(ctx, params.formId, body, grant!)),
  }),
];
