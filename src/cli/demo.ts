import type { Ctx, Role } from '../context.ts';
import { createOrganisation } from '../features/admin/create-organisation.ts';
import { createUser } from '../features/admin/create-user.ts';
import { DEFAULT_KARTLAGGNING_FORM } from '../features/casework/kartlaggning/default-form.ts';
import { formDefinitionSchema } from '../features/casework/kartlaggning/form-rules.ts';
import { createKartlaggningForm } from '../features/casework/kartlaggning/forms.ts';
import { loadDemoParticipants } from './demo-participants.ts';
import { loadDemoWorkplaces } from './demo-workplaces.ts';

export const DEMO_ORGANISATION = 'Exempelby kommun';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  unitKey: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'handlaggare', displayName: 'Hanna Handläggare', role: 'handlaggare', unitKey: 'jobbcentrum' },
  { username: 'jobbmaklare', displayName: 'Jonas Jobbmäklare', role: 'jobbmaklare', unitKey: 'jobbcentrum' },
  {
    username: 'syv',
    displayName: 'Sara Studievägledare',
    role: 'studie_yrkesvagledare',
    unitKey: 'vuxenutbildning',
  },
  { username: 'enhetschef', displayName: 'Erik Enhetschef', role: 'enhetschef', unitKey: 'jobbcentrum' },
  { username: 'analytiker', displayName: 'Anna Analytiker', role: 'analytiker', unitKey: 'forvaltning' },
  { username: 'admin', displayName: 'Adam Administratör', role: 'administrator', unitKey: 'forvaltning' },
  { username: 'granskare', displayName: 'Greta Granskare', role: 'granskare', unitKey: 'forvaltning' },
];

/** Demo passwords are printed by `insats demo` and `npm start`; never use them outside a demo. */
export const demoPassword = (username: string) => `demo-${username}-2026`;

export async function hasDemo(ctx: Ctx): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('organisation')
    .select('id')
    .where('name', '=', DEMO_ORGANISATION)
    .executeTakeFirst();
  return row !== undefined;
}

/** Loads the demo municipality: units and one user per role. Idempotent: does nothing if it exists. */
export async function loadDemo(ctx: Ctx, log: (line: string) => void = console.log): Promise<boolean> {
  if (await hasDemo(ctx)) {
    log(`Demokommunen "${DEMO_ORGANISATION}" finns redan.`);
    return false;
  }
  const { organisationId, unitIds } = await createOrganisation(ctx, {
    name: DEMO_ORGANISATION,
    units: [
      { key: 'forvaltning', name: 'Arbetsmarknadsförvaltningen', kind: 'forvaltning' },
      { key: 'jobbcentrum', name: 'Jobbcentrum', kind: 'arbetsmarknadsenhet', parentKey: 'forvaltning' },
      { key: 'kc-norr', name: 'Kompetenscenter Norr', kind: 'kompetenscenter', parentKey: 'forvaltning' },
      { key: 'kc-soder', name: 'Kompetenscenter Söder', kind: 'kompetenscenter', parentKey: 'forvaltning' },
      {
        key: 'vuxenutbildning',
        name: 'Vuxenutbildningscentrum',
        kind: 'vuxenutbildning',
        parentKey: 'forvaltning',
      },
    ],
  });
  const userIds = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const { userId } = await createUser(ctx, {
      organisationId,
      username: u.username,
      displayName: u.displayName,
      password: demoPassword(u.username),
      roles: [{ role: u.role, unitId: unitIds.get(u.unitKey)! }],
    });
    userIds.set(u.username, userId);
  }
  const participants = await loadDemoParticipants(ctx, { organisationId, unitIds, userIds });
  log(`Demodeltagare: ${participants.registered} registrerade, varav 2 med skyddade personuppgifter.`);
  const workplaces = await loadDemoWorkplaces(ctx, { organisationId, userIds });
  log(`Demoarbetsplatser: ${workplaces} med handledare, avtal och platser.`);
  await createKartlaggningForm(ctx, formDefinitionSchema.parse(DEFAULT_KARTLAGGNING_FORM), {
    organisationId,
  });
  log(`Demokommunen "${DEMO_ORGANISATION}" är inläst.`);
  return true;
}

export function printDemoLogins(log: (line: string) => void = console.log): void {
  log('Demoinloggningar (användarnamn / lösenord / roll):');
  for (const u of DEMO_USERS)
    log(`  ${u.username.padEnd(12)} ${demoPassword(u.username).padEnd(26)} ${u.role}`);
}
