import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../http/env.ts';
import { defineRoute, FILE_UPLOAD_BODY_LIMIT } from '../../http/registry.ts';
import { readPurpose } from '../participants/purpose.ts';
import { isoDate, uuidParam } from '../workplaces/schema.ts';
import { caseloadAbsence, personAbsence } from './absence.ts';
import { ABSENCE_REASONS } from './attendance-csv.ts';
import { cancelPlacement } from './cancel-placement.ts';
import { createPlacement } from './create-placement.ts';
import { getPlacement, listPersonPlacements } from './get-placement.ts';
import { importAttendance } from './import-attendance.ts';
import { listWorkplacePlacements } from './list-workplace-placements.ts';
import { placementsPolicy } from './policy.ts';
import { proposePlacements } from './propose-placements.ts';
import { listAttendance, recordAttendance } from './record-attendance.ts';
import { recordWorkplaceConsent } from './record-consent.ts';
import {
  attendanceInput,
  consentInput,
  createPlacementInput,
  importAttendanceInput,
  importIssue,
  periodQuery,
  placementView,
  updatePlacementInput,
  weekParam,
  workplaceViewOfPlacement,
} from './schema.ts';
import { searchEnrolments } from './search-enrolments.ts';
import { updatePlacement } from './update-placement.ts';

const proposalBody = z.strictObject({
  personIds: z
    .array(uuidParam)
    .min(1, { error: 'Välj minst en deltagare.' })
    .max(500, { error: 'Högst 500 deltagare åt gången.' }),
  onDate: isoDate,
});

import { workplaceViewOfPlacement as workplaceView } from './workplace-view.ts';

const tags = ['placements'];
const idParams = z.strictObject({ id: uuidParam });
const invalid = { description: 'Placeringen bryter mot en regel (meddelande och fält); inget skrivs' };
const notFound = { description: 'Finns inte, eller personen ligger utanför behörigheten' };
const byReason = z.object(Object.fromEntries(ABSENCE_REASONS.map((r) => [r, z.number()])));
/**
 * The stated purpose, needed for protected persons: the X-Insats-Purpose header (percent-encoded by
 * the web app), or the `purpose` query parameter (the shared web client sends no per-request headers).
 */
const purpose = (c: Context<AppEnv>) => ({
  purpose: readPurpose(c) ?? (c.req.query('purpose')?.trim().slice(0, 500) || null),
});
const purposeParam = z.string().max(500).optional();

export const placementRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/placement-planning/enrolments',
    summary: 'Sök inskrivna deltagare att planera placering för (namn, eller exakt personnummer)',
    tags,
    access: placementsPolicy.ref('write'),
    query: z.strictObject({ q: z.string().trim().min(2).max(100) }),
    responses: {
      200: {
        description: 'OK',
        schema: z.object({
          enrolments: z.array(
            z.object({
              enrolmentId: z.string(),
              personId: z.string(),
              name: z.string(),
              programme: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
              status: z.string(),
              startDate: z.string().nullable(),
              plannedEndDate: z.string().nullable(),
              exitDate: z.string().nullable(),
            }),
          ),
        }),
      },
    },
    handler: async ({ ctx, query, c }) => c.json({ enrolments: await searchEnrolments(ctx, query.q) }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/placements',
    summary: 'En deltagares placeringar',
    tags,
    access: placementsPolicy.ref('read'),
    query: z.strictObject({ personId: uuidParam, purpose: purposeParam }),
    responses: {
      200: { description: 'OK', schema: z.object({ placements: z.array(placementView) }) },
      404: notFound,
    },
    handler: async ({ ctx, query, c }) =>
      c.json({ placements: await listPersonPlacements(ctx, query.personId, purpose(c)) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/placements',
    summary: 'Planera placering (minst enrolmentId, workplaceId, startDate)',
    tags,
    access: placementsPolicy.ref('write'),
    body: createPlacementInput,
    responses: { 201: { description: 'Skapad', schema: placementView }, 404: notFound, 422: invalid },
    handler: async ({ ctx, body, c }) => c.json(await createPlacement(ctx, body, purpose(c)), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/api/placements/:id',
    summary: 'En placering',
    tags,
    access: placementsPolicy.ref('read'),
    params: idParams,
    responses: { 200: { description: 'OK', schema: placementView }, 404: notFound },
    handler: async ({ ctx, params, c }) => c.json(await getPlacement(ctx, params.id, purpose(c))),
  }),
  defineRoute({
    method: 'put',
    path: '/api/placements/:id',
    summary: 'Ändra placering',
    tags,
    access: placementsPolicy.ref('write'),
    params: idParams,
    body: updatePlacementInput,
    responses: { 200: { description: 'OK', schema: placementView }, 404: notFound, 422: invalid },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await updatePlacement(ctx, params.id, body, purpose(c))),
  }),
  defineRoute({
    method: 'post',
    path: '/api/placements/:id/cancel',
    summary: 'Avbryt placering',
    tags,
    access: placementsPolicy.ref('write'),
    params: idParams,
    responses: { 200: { description: 'OK', schema: placementView }, 404: notFound },
    handler: async ({ ctx, params, c }) => c.json(await cancelPlacement(ctx, params.id, purpose(c))),
  }),
  defineRoute({
    method: 'put',
    path: '/api/placements/:id/workplace-consent',
    summary: 'Registrera om arbetsplatsen får se deltagarens namn (samtycke)',
    tags,
    access: placementsPolicy.ref('recordConsent'),
    params: idParams,
    body: consentInput,
    responses: { 200: { description: 'OK', schema: placementView }, 404: notFound },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await recordWorkplaceConsent(ctx, params.id, body.shareNameWithWorkplace, purpose(c))),
  }),
  defineRoute({
    method: 'get',
    path: '/api/placements/:id/workplace-view',
    summary: 'Det arbetsplatsen och handledaren får veta om placeringen (aldrig skyddade uppgifter)',
    tags,
    access: placementsPolicy.ref('read'),
    params: idParams,
    responses: { 200: { description: 'OK', schema: workplaceViewOfPlacement }, 404: notFound },
    handler: async ({ ctx, params, c }) => c.json(await workplaceView(ctx, params.id, purpose(c))),
  }),
  defineRoute({
    method: 'get',
    path: '/api/placements/:id/attendance',
    summary: 'Placeringens närvaro per vecka',
    tags,
    access: placementsPolicy.ref('read'),
    params: idParams,
    responses: {
      200: {
        description: 'OK',
        schema: z.object({
          weeks: z.array(
            z.object({
              week: z.string(),
              weekStart: z.string(),
              hoursPresent: z.number(),
              source: z.enum(['manuell', 'import']),
              absences: z.array(z.object({ reason: z.string(), hours: z.number() })),
            }),
          ),
        }),
      },
      404: notFound,
    },
    handler: async ({ ctx, params, c }) =>
      c.json({ weeks: await listAttendance(ctx, params.id, purpose(c)) }),
  }),
  defineRoute({
    method: 'put',
    path: '/api/placements/:id/attendance/:week',
    summary: 'Registrera en veckas närvaro och frånvaro (ersätter veckan)',
    tags,
    access: placementsPolicy.ref('recordAttendance'),
    params: z.strictObject({ id: uuidParam, week: weekParam }),
    body: attendanceInput,
    responses: {
      200: { description: 'OK', schema: z.object({ week: z.string() }) },
      404: notFound,
      422: invalid,
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await recordAttendance(ctx, params.id, params.week, body, purpose(c))),
  }),
  defineRoute({
    method: 'post',
    path: '/api/attendance/import',
    summary: 'Importera närvaro från CSV (allt eller inget; varje felaktig rad rapporteras)',
    tags,
    access: placementsPolicy.ref('recordAttendance'),
    maxBodyBytes: FILE_UPLOAD_BODY_LIMIT,
    body: importAttendanceInput,
    responses: {
      200: {
        description: 'Resultat: ok=false betyder att inget skrevs och att issues listar varje fel',
        schema: z.object({
          ok: z.boolean(),
          dryRun: z.boolean(),
          encoding: z.enum(['utf-8', 'windows-1252']),
          rows: z.number(),
          persons: z.number(),
          issues: z.array(importIssue),
        }),
      },
    },
    handler: async ({ ctx, body, c }) => c.json(await importAttendance(ctx, body)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/attendance/absence',
    summary: 'Frånvaro per deltagare i ärendelistan för en period',
    tags,
    access: placementsPolicy.ref('readAbsence'),
    query: periodQuery,
    responses: {
      200: {
        description: 'OK',
        schema: z.object({
          from: z.string(),
          to: z.string(),
          persons: z.array(
            z.object({
              personId: z.string(),
              name: z.string(),
              weeks: z.number(),
              hoursPresent: z.number(),
              absence: byReason,
              absenceHours: z.number(),
            }),
          ),
          protectedLeftOut: z.number(),
        }),
      },
    },
    handler: async ({ ctx, query, c }) => c.json(await caseloadAbsence(ctx, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/attendance/absence/:personId',
    summary: 'En deltagares närvaro och frånvaro per vecka för en period',
    tags,
    access: placementsPolicy.ref('readAbsence'),
    params: z.strictObject({ personId: uuidParam }),
    query: z.strictObject({ from: isoDate, to: isoDate, purpose: purposeParam }),
    responses: { 200: { description: 'OK' }, 404: notFound },
    handler: async ({ ctx, params, query, c }) =>
      c.json(await personAbsence(ctx, params.personId, { from: query.from, to: query.to }, purpose(c))),
  }),
  defineRoute({
    method: 'get',
    path: '/api/workplaces/:id/placements',
    summary: 'Pågående placeringar på en arbetsplats (personer inom behörigheten)',
    tags,
    access: placementsPolicy.ref('read'),
    params: idParams,
    responses: {
      200: {
        description: 'OK',
        schema: z.object({
          placements: z.array(
            z.object({
              id: z.string(),
              personId: z.string(),
              name: z.string(),
              startDate: z.string(),
              endDate: z.string().nullable(),
              supervisorName: z.string().nullable(),
            }),
          ),
        }),
      },
    },
    handler: async ({ ctx, params, c }) =>
      c.json({ placements: await listWorkplacePlacements(ctx, params.id) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/placements/proposals',
    summary:
      'Förslag på placeringar: bästa fördelningen av valda deltagare på öppna platser efter lämplighet, med skäl',
    tags,
    access: placementsPolicy.ref('write'),
    body: proposalBody,
    responses: {
      200: {
        description: 'Förslag (inget bokas)',
        schema: z.object({
          onDate: z.string(),
          proposals: z.array(
            z.object({
              personId: z.string(),
              name: z.string(),
              slotId: z.string(),
              workplaceId: z.string(),
              workplaceName: z.string(),
              ssyk: z.string().nullable(),
              score: z.number().nullable(),
              components: z.array(z.object({ name: z.string(), points: z.number() }).passthrough()),
              text: z.string(),
            }),
          ),
          unplaced: z.array(
            z.object({ personId: z.string(), name: z.string(), reasons: z.array(z.string()) }),
          ),
          report: z.object({ placed: z.number(), unplaced: z.number(), slots: z.number() }),
        }),
      },
    },
    handler: async ({ ctx, body, c }) => c.json(await proposePlacements(ctx, body)),
  }),
];
