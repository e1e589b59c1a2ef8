import { z } from 'zod';
import { defineRoute } from '../../../http/registry.ts';
import { errorResponses, personParams, purposeOf, uuid } from '../http.ts';
import { caseworkPolicy } from '../policy.ts';
import {
  createMeeting,
  listMeetingStaff,
  listMeetings,
  recordAttendance,
  updateMeeting,
} from './meetings.ts';
import { attendanceBody, createMeetingBody, meetingView, staffView, updateMeetingBody } from './schema.ts';

const meetingParams = personParams.extend({ meetingId: uuid });

export const meetingRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/participants/:personId/meetings',
    summary: 'Personens möten med deltagare och närvaro',
    tags: ['casework'],
    access: caseworkPolicy.ref('read'),
    params: personParams,
    responses: {
      200: { description: 'OK', schema: z.object({ meetings: z.array(meetingView) }) },
      ...errorResponses,
    },
    handler: async ({ ctx, params, c }) =>
      c.json(await listMeetings(ctx, params.personId, { purpose: purposeOf(c) })),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:personId/meetings',
    summary: 'Boka ett möte',
    tags: ['casework'],
    access: caseworkPolicy.ref('writeContact'),
    params: personParams,
    body: createMeetingBody,
    responses: {
      201: { description: 'Skapat', schema: meetingView },
      422: { description: 'Regelbrott' },
      ...errorResponses,
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await createMeeting(ctx, params.personId, body, { purpose: purposeOf(c) }), 201),
  }),
  defineRoute({
    method: 'put',
    path: '/api/participants/:personId/meetings/:meetingId',
    summary: 'Ändra tid, plats, syfte eller status (t.ex. inställt)',
    tags: ['casework'],
    access: caseworkPolicy.ref('writeContact'),
    params: meetingParams,
    body: updateMeetingBody,
    responses: { 200: { description: 'OK', schema: meetingView }, ...errorResponses },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await updateMeeting(ctx, params.personId, params.meetingId, body, { purpose: purposeOf(c) })),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:personId/meetings/:meetingId/attendance',
    summary: 'Registrera närvaro (närvarande eller frånvaro med orsak)',
    tags: ['casework'],
    access: caseworkPolicy.ref('writeContact'),
    params: meetingParams,
    body: attendanceBody,
    responses: {
      200: { description: 'OK', schema: meetingView },
      422: { description: 'Regelbrott' },
      ...errorResponses,
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await recordAttendance(ctx, params.personId, params.meetingId, body, { purpose: purposeOf(c) })),
  }),
  defineRoute({
    method: 'get',
    path: '/api/casework/staff',
    summary: 'Personal som kan kallas till möten (namn och roller)',
    tags: ['casework'],
    access: caseworkPolicy.ref('read'),
    responses: { 200: { description: 'OK', schema: z.object({ staff: z.array(staffView) }) } },
    handler: async ({ ctx, c }) => c.json(await listMeetingStaff(ctx)),
  }),
];
