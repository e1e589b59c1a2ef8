import { z } from 'zod';
import { defineRoute, FILE_UPLOAD_BODY_LIMIT } from '../../http/registry.ts';
import { addAccess, listAccess, removeAccess } from './access-list.ts';
import { caseloadFilterExtensions } from './caseload-extensions.ts';
import { changeProtection } from './change-protection.ts';
import { searchCodeList } from './code-lists.ts';
import { createHousehold } from './create-household.ts';
import { getParticipant } from './get-participant.ts';
import { ImportRejected, importParticipants } from './import-participants.ts';
import { importTemplateCsv, importTemplateXlsx } from './import-template.ts';
import { joinHousehold } from './join-household.ts';
import { leaveHousehold } from './leave-household.ts';
import { linkPartner, unlinkPartner } from './link-partner.ts';
import { listCaseload } from './list-caseload.ts';
import { participantOptions } from './participant-options.ts';
import { participantsPolicy } from './policy.ts';
import {
  grantProtectionPermission,
  listProtectionPermissions,
  revokeProtectionPermission,
} from './protection-permissions.ts';
import { readPurpose } from './purpose.ts';
import { registerParticipant } from './register-participant.ts';
import { replaceIdentity } from './replace-identity.ts';
import { revealContact } from './reveal-contact.ts';
import {
  type CaseloadQuery,
  caseloadQuerySchema,
  caseloadResponseSchema,
  householdChildrenSchema,
  importErrorSchema,
  importSchema,
  PROTECTED_LEVELS,
  personResponseSchema,
  protectionChangeSchema,
  purposeSchema,
  registerSchema,
  updateSchema,
  uuid,
} from './schema.ts';
import { updateHouseholdChildren } from './update-household-children.ts';
import { updateParticipant } from './update-participant.ts';

const idParams = z.object({ id: uuid });
const purposeDoc = 'Syfte: rubriken X-Insats-Purpose (procentkodad UTF-8), krävs för skyddade personer.';
const errors = {
  400: { description: 'Ogiltiga uppgifter' },
  403: { description: 'Saknar behörighet, eller syfte krävs för en skyddad person' },
  404: { description: 'Personen finns inte eller nås inte' },
};
const ok = { description: 'OK' };

/** Caseload query: the base filters plus any registered extension filters (caseload-extensions.ts). */
const caseloadQuery: z.ZodType<CaseloadQuery & Record<string, unknown>> = caseloadQuerySchema.extend(
  Object.fromEntries(caseloadFilterExtensions.map((e) => [e.param, e.schema.optional()])),
) as unknown as z.ZodType<CaseloadQuery & Record<string, unknown>>;

export const participantRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/participants',
    summary:
      'Ärendelista: deltagare i min ärendelista, mitt team eller min enhet, i svensk sorteringsordning',
    tags: ['participants'],
    access: participantsPolicy.ref('read'),
    query: caseloadQuery,
    responses: { 200: { description: 'OK', schema: caseloadResponseSchema }, 400: errors[400] },
    handler: async ({ ctx, query, c }) => c.json(await listCaseload(ctx, query)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants',
    summary: 'Registrera en deltagare',
    tags: ['participants'],
    access: participantsPolicy.ref('register'),
    body: registerSchema,
    responses: {
      201: { description: 'Registrerad', schema: z.object({ id: z.string() }) },
      ...errors,
      409: { description: 'Personnumret finns redan i organisationen' },
    },
    handler: async ({ ctx, body, c }) => c.json(await registerParticipant(ctx, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/api/participants/options',
    summary: 'Val för formulär och filter: enheter, handläggare och team',
    tags: ['participants'],
    access: participantsPolicy.ref('read'),
    responses: { 200: ok },
    handler: async ({ ctx, c }) => c.json(await participantOptions(ctx)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/participants/import/template',
    summary: 'Importmall (CSV eller XLSX) utan personuppgifter',
    tags: ['participants'],
    access: participantsPolicy.ref('import'),
    query: z.strictObject({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
    responses: { 200: { description: 'Filen' } },
    handler: async ({ query, c }) => {
      if (query.format === 'csv') {
        return c.body(importTemplateCsv() as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="deltagare-importmall.csv"',
        });
      }
      return c.body((await importTemplateXlsx()) as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': 'attachment; filename="deltagare-importmall.xlsx"',
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/import',
    summary: 'Importera deltagare från CSV eller XLSX (allt eller inget)',
    tags: ['participants'],
    access: participantsPolicy.ref('import'),
    maxBodyBytes: FILE_UPLOAD_BODY_LIMIT,
    body: importSchema,
    responses: {
      201: { description: 'Importerad', schema: z.object({ importId: z.string(), imported: z.number() }) },
      400: errors[400],
      403: errors[403],
      422: {
        description: 'Filen har fel; ingenting importerades. Varje fel med rad, kolumn och orsak.',
        schema: z.object({
          error: z.object({ code: z.string(), message: z.string() }),
          errors: z.array(importErrorSchema),
        }),
      },
    },
    handler: async ({ ctx, body, c }) => {
      const content = Buffer.from(body.contentBase64, 'base64');
      try {
        const result = await importParticipants(ctx, {
          filename: body.filename,
          content,
          responsibleUnitId: body.responsibleUnitId,
        });
        return c.json(result, 201);
      } catch (err) {
        if (err instanceof ImportRejected && typeof err.text !== 'string') {
          return c.json(
            {
              error: { code: err.code, message: err.text[ctx.lang], requestId: ctx.requestId },
              errors: err.issues,
            },
            422,
          );
        }
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/participants/:id',
    summary: `Personsidan (fält efter roll; varje anrop loggas som läsning). ${purposeDoc}`,
    tags: ['participants'],
    access: participantsPolicy.ref('read'),
    params: idParams,
    responses: { 200: { description: 'OK', schema: personResponseSchema }, ...errors },
    handler: async ({ ctx, params, c }) => c.json(await getParticipant(ctx, params.id, readPurpose(c))),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/participants/:id',
    summary: `Ändra uppgifter om en deltagare. ${purposeDoc}`,
    tags: ['participants'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    body: updateSchema,
    responses: { 200: ok, ...errors },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await updateParticipant(ctx, params.id, body, readPurpose(c))),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:id/contact',
    summary: 'Visa adress och kontaktuppgifter (maskerade för skyddade personer); loggas med syfte',
    tags: ['participants'],
    access: participantsPolicy.ref('read'),
    params: idParams,
    body: z.strictObject({ purpose: purposeSchema }),
    responses: { 200: ok, ...errors },
    handler: async ({ ctx, params, body, c }) => c.json(await revealContact(ctx, params.id, body.purpose)),
  }),
  defineRoute({
    method: 'put',
    path: '/api/participants/:id/identity',
    summary: 'Ersätt samordningsnummer med personnummer (historiken behålls)',
    tags: ['participants'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    body: z.strictObject({ personnummer: z.string().max(20) }),
    responses: {
      200: ok,
      ...errors,
      409: { description: 'Numret finns redan' },
      422: { description: 'Inget samordningsnummer' },
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await replaceIdentity(ctx, params.id, body.personnummer, readPurpose(c))),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:id/household',
    summary: 'Starta ett hushåll för personen, med barn som bor hemma',
    tags: ['participants'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    body: householdChildrenSchema,
    responses: { 201: ok, ...errors, 422: { description: 'Personen har redan ett hushåll' } },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await createHousehold(ctx, params.id, body, readPurpose(c)), 201),
  }),
  defineRoute({
    method: 'put',
    path: '/api/participants/:id/household/children',
    summary: 'Ange barn som bor hemma (antal, födelseår och månad) i personens hushåll',
    tags: ['participants'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    body: householdChildrenSchema,
    responses: { 200: ok, ...errors },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await updateHouseholdChildren(ctx, params.id, body, readPurpose(c))),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:id/household/join',
    summary: 'Flytta personen till en annan persons hushåll (delat, inte kopierat)',
    tags: ['participants'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    body: z.strictObject({ personId: uuid }),
    responses: { 200: ok, ...errors },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await joinHousehold(ctx, params.id, body.personId, readPurpose(c))),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/participants/:id/household',
    summary: 'Ta personen ur sitt hushåll',
    tags: ['participants'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    responses: { 200: ok, ...errors },
    handler: async ({ ctx, params, c }) => c.json(await leaveHousehold(ctx, params.id, readPurpose(c))),
  }),
  defineRoute({
    method: 'put',
    path: '/api/participants/:id/partner',
    summary: 'Koppla partner (par som deltar tillsammans); de delar hushåll',
    tags: ['participants'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    body: z.strictObject({ partnerId: uuid }),
    responses: { 200: ok, ...errors },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await linkPartner(ctx, params.id, body.partnerId, readPurpose(c))),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/participants/:id/partner',
    summary: 'Ta bort partnerkopplingen',
    tags: ['participants'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    responses: { 200: ok, ...errors },
    handler: async ({ ctx, params, c }) => c.json(await unlinkPartner(ctx, params.id, readPurpose(c))),
  }),
  defineRoute({
    method: 'put',
    path: '/api/participants/:id/protection',
    summary: 'Ändra skyddsnivå (enhetschef); loggas med förhöjd nivå',
    tags: ['participants'],
    access: participantsPolicy.ref('manageProtection'),
    params: idParams,
    body: protectionChangeSchema,
    responses: { 200: ok, ...errors },
    handler: async ({ ctx, params, body, c }) => c.json(await changeProtection(ctx, params.id, body)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/participants/:id/access-list',
    summary: `Åtkomstlistan för ett ärende med skyddad folkbokföring. ${purposeDoc}`,
    tags: ['participants'],
    access: participantsPolicy.ref('manageProtection'),
    params: idParams,
    responses: { 200: ok, ...errors },
    handler: async ({ ctx, params, c }) => c.json(await listAccess(ctx, params.id, readPurpose(c))),
  }),
  defineRoute({
    method: 'post',
    path: '/api/participants/:id/access-list',
    summary: 'Namnge en medarbetare på åtkomstlistan (enhetschef)',
    tags: ['participants'],
    access: participantsPolicy.ref('manageProtection'),
    params: idParams,
    body: z.strictObject({ userId: uuid }),
    responses: { 201: ok, ...errors },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await addAccess(ctx, params.id, body.userId, readPurpose(c)), 201),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/participants/:id/access-list/:userId',
    summary: 'Ta bort en medarbetare från åtkomstlistan',
    tags: ['participants'],
    access: participantsPolicy.ref('manageProtection'),
    params: z.object({ id: uuid, userId: uuid }),
    responses: { 200: ok, ...errors },
    handler: async ({ ctx, params, c }) =>
      c.json(await removeAccess(ctx, params.id, params.userId, readPurpose(c))),
  }),
  defineRoute({
    method: 'get',
    path: '/api/protection-permissions',
    summary: 'Användares behörigheter per skyddsnivå (administratör)',
    tags: ['participants'],
    access: participantsPolicy.ref('grantProtectionPermission'),
    responses: { 200: ok },
    handler: async ({ ctx, grant, c }) => c.json(await listProtectionPermissions(ctx, grant!)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/protection-permissions',
    summary: 'Ge en användare behörighet för en skyddsnivå (administratör)',
    tags: ['participants'],
    access: participantsPolicy.ref('grantProtectionPermission'),
    body: z.strictObject({ userId: uuid, level: z.enum(PROTECTED_LEVELS) }),
    responses: { 201: ok, 400: errors[400] },
    handler: async ({ ctx, grant, body, c }) =>
      c.json(await grantProtectionPermission(ctx, grant!, body), 201),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/protection-permissions/:userId/:level',
    summary: 'Ta bort en användares behörighet för en skyddsnivå (administratör)',
    tags: ['participants'],
    access: participantsPolicy.ref('grantProtectionPermission'),
    params: z.object({ userId: uuid, level: z.enum(PROTECTED_LEVELS) }),
    responses: { 200: ok, 404: errors[404] },
    handler: async ({ ctx, grant, params, c }) =>
      c.json(await revokeProtectionPermission(ctx, grant!, params)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/codelists/:system',
    summary:
      'Sök i en kodlista (SSYK2012, SUN2020-level, ISO639, JobTech-…); tom fråga ger listan i kodordning',
    tags: ['codelists'],
    access: 'authenticated',
    params: z.object({ system: z.string().regex(/^[A-Za-z0-9-]{2,40}$/) }),
    query: z.strictObject({
      q: z.string().max(100).optional(),
      level: z.coerce.number().int().min(1).max(6).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(20),
    }),
    responses: { 200: ok, 404: { description: 'Kodlistan finns inte' } },
    handler: async ({ ctx, params, query, c }) => c.json(await searchCodeList(ctx.db, params.system, query)),
  }),
];
