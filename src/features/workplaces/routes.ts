import { z } from 'zod';
import { defineRoute, FILE_UPLOAD_BODY_LIMIT } from '../../http/registry.ts';
import { addAgreement, removeAgreement, updateAgreement } from './agreements.ts';
import { createWorkplace, importWorkplaces } from './create-workplace.ts';
import { getWorkplace } from './get-workplace.ts';
import { listWorkplaces } from './list-workplaces.ts';
import { workplacesPolicy } from './policy.ts';
import { recordComplianceCheck } from './record-compliance-check.ts';
import {
  agreementInput,
  complianceCheckInput,
  createWorkplaceInput,
  listWorkplacesQuery,
  slotInput,
  supervisorInput,
  uuidParam,
  workplaceFields,
  workplaceSummary,
  workplaceView,
} from './schema.ts';
import { searchOccupations } from './search-occupations.ts';
import { addSlot, removeSlot, updateSlot } from './slots.ts';
import { addSupervisor, removeSupervisor, updateSupervisor } from './supervisors.ts';
import { updateWorkplace } from './update-workplace.ts';

const tags = ['workplaces'];
const read = workplacesPolicy.ref('read');
const manage = workplacesPolicy.ref('manage');
const idParams = z.strictObject({ id: uuidParam });
const ok = { description: 'Arbetsplatsen efter ändringen', schema: workplaceView };
const invalid = { description: 'Uppgifterna behöver rättas (meddelande och fält)' };

export const workplaceRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/workplaces',
    summary: 'Arbetsplatser, med sökning',
    tags,
    access: read,
    query: listWorkplacesQuery,
    responses: { 200: { description: 'OK', schema: z.object({ workplaces: z.array(workplaceSummary) }) } },
    handler: async ({ ctx, query, c }) =>
      c.json({
        workplaces: await listWorkplaces(ctx, {
          ...(query.q ? { q: query.q } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
          includeInactive: query.includeInactive === 'true',
        }),
      }),
  }),
  // Registered before '/api/workplaces/:id' so the static path wins.
  defineRoute({
    method: 'get',
    path: '/api/workplaces/occupation-codes',
    summary: 'Sök yrkeskoder (SSYK 2012) för arbetsplatser och platser',
    tags,
    access: read,
    query: z.strictObject({ q: z.string().trim().min(1).max(100) }),
    responses: {
      200: {
        description: 'OK',
        schema: z.object({
          version: z.string().nullable(),
          codes: z.array(z.object({ code: z.string(), name: z.string(), level: z.number().nullable() })),
        }),
      },
    },
    handler: async ({ ctx, query, c }) => c.json(await searchOccupations(ctx, query.q)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/workplaces',
    summary: 'Registrera arbetsplats (minst typ och namn)',
    tags,
    access: manage,
    body: createWorkplaceInput,
    responses: { 201: { description: 'Skapad', schema: workplaceView }, 422: invalid },
    handler: async ({ ctx, grant, body, c }) => {
      const { id } = await createWorkplace(ctx, grant!, body);
      return c.json(await getWorkplace(ctx, id), 201);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/workplaces/import',
    summary: 'Registrera många arbetsplatser på en gång (allt eller inget)',
    tags,
    access: manage,
    maxBodyBytes: FILE_UPLOAD_BODY_LIMIT,
    body: z.strictObject({ workplaces: z.array(createWorkplaceInput).min(1).max(1000) }),
    responses: {
      201: { description: 'Skapade', schema: z.object({ ids: z.array(z.string()) }) },
      422: invalid,
    },
    handler: async ({ ctx, grant, body, c }) =>
      c.json(await importWorkplaces(ctx, grant!, body.workplaces), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/api/workplaces/:id',
    summary: 'En arbetsplats med handledare, avtal, kontroller och platser',
    tags,
    access: read,
    params: idParams,
    responses: { 200: { description: 'OK', schema: workplaceView }, 404: { description: 'Finns inte' } },
    handler: async ({ ctx, params, c }) => c.json(await getWorkplace(ctx, params.id)),
  }),
  defineRoute({
    method: 'put',
    path: '/api/workplaces/:id',
    summary: 'Ändra arbetsplatsens uppgifter',
    tags,
    access: manage,
    params: idParams,
    body: workplaceFields,
    responses: { 200: ok, 422: invalid },
    handler: async ({ ctx, grant, params, body, c }) => {
      await updateWorkplace(ctx, grant!, params.id, body);
      return c.json(await getWorkplace(ctx, params.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/workplaces/:id/supervisors',
    summary: 'Lägg till handledare',
    tags,
    access: manage,
    params: idParams,
    body: supervisorInput,
    responses: { 201: ok, 422: invalid },
    handler: async ({ ctx, grant, params, body, c }) => {
      await addSupervisor(ctx, grant!, params.id, body);
      return c.json(await getWorkplace(ctx, params.id), 201);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/workplaces/:id/supervisors/:supervisorId',
    summary: 'Ändra handledare',
    tags,
    access: manage,
    params: z.strictObject({ id: uuidParam, supervisorId: uuidParam }),
    body: supervisorInput,
    responses: { 200: ok, 422: invalid },
    handler: async ({ ctx, grant, params, body, c }) => {
      await updateSupervisor(ctx, grant!, params.id, params.supervisorId, body);
      return c.json(await getWorkplace(ctx, params.id));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/workplaces/:id/supervisors/:supervisorId',
    summary: 'Ta bort handledare som inte finns på någon placering',
    tags,
    access: manage,
    params: z.strictObject({ id: uuidParam, supervisorId: uuidParam }),
    responses: { 200: ok, 409: { description: 'Handledaren finns på placeringar' } },
    handler: async ({ ctx, grant, params, c }) => {
      await removeSupervisor(ctx, grant!, params.id, params.supervisorId);
      return c.json(await getWorkplace(ctx, params.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/workplaces/:id/agreements',
    summary: 'Registrera avtal',
    tags,
    access: manage,
    params: idParams,
    body: agreementInput,
    responses: { 201: ok, 422: invalid },
    handler: async ({ ctx, grant, params, body, c }) => {
      await addAgreement(ctx, grant!, params.id, body);
      return c.json(await getWorkplace(ctx, params.id), 201);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/workplaces/:id/agreements/:agreementId',
    summary: 'Ändra avtal (får inte lämna placeringar utanför avtal)',
    tags,
    access: manage,
    params: z.strictObject({ id: uuidParam, agreementId: uuidParam }),
    body: agreementInput,
    responses: { 200: ok, 422: invalid },
    handler: async ({ ctx, grant, params, body, c }) => {
      await updateAgreement(ctx, grant!, params.id, params.agreementId, body);
      return c.json(await getWorkplace(ctx, params.id));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/workplaces/:id/agreements/:agreementId',
    summary: 'Ta bort avtal (får inte lämna placeringar utanför avtal)',
    tags,
    access: manage,
    params: z.strictObject({ id: uuidParam, agreementId: uuidParam }),
    responses: { 200: ok, 422: invalid },
    handler: async ({ ctx, grant, params, c }) => {
      await removeAgreement(ctx, grant!, params.id, params.agreementId);
      return c.json(await getWorkplace(ctx, params.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/workplaces/:id/compliance-checks',
    summary: 'Registrera kontroll (kollektivavtal, registerutdrag, minderåriga, riskbedömning)',
    tags,
    access: manage,
    params: idParams,
    body: complianceCheckInput,
    responses: { 201: ok, 422: invalid },
    handler: async ({ ctx, grant, params, body, c }) => {
      await recordComplianceCheck(ctx, grant!, params.id, body);
      return c.json(await getWorkplace(ctx, params.id), 201);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/workplaces/:id/slots',
    summary: 'Lägg till platser för en period',
    tags,
    access: manage,
    params: idParams,
    body: slotInput,
    responses: { 201: ok, 422: invalid },
    handler: async ({ ctx, grant, params, body, c }) => {
      await addSlot(ctx, grant!, params.id, body);
      return c.json(await getWorkplace(ctx, params.id), 201);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/workplaces/:id/slots/:slotId',
    summary: 'Ändra platser för en period',
    tags,
    access: manage,
    params: z.strictObject({ id: uuidParam, slotId: uuidParam }),
    body: slotInput,
    responses: { 200: ok, 422: invalid },
    handler: async ({ ctx, grant, params, body, c }) => {
      await updateSlot(ctx, grant!, params.id, params.slotId, body);
      return c.json(await getWorkplace(ctx, params.id));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/workplaces/:id/slots/:slotId',
    summary: 'Ta bort platser som ingen placering använder',
    tags,
    access: manage,
    params: z.strictObject({ id: uuidParam, slotId: uuidParam }),
    responses: { 200: ok, 409: { description: 'Platsen används' } },
    handler: async ({ ctx, grant, params, c }) => {
      await removeSlot(ctx, grant!, params.id, params.slotId);
      return c.json(await getWorkplace(ctx, params.id));
    },
  }),
];
