import type { Ctx, Role } from '../context.ts';
import { createOrganisation } from '../features/admin/create-organisation.ts';
import { createUser } from '../features/admin/create-user.ts';
import { DEFAULT_KARTLAGGNING_FORM } from '../features/casework/kartlaggning/default-form.ts';
import { formDefinitionSchema } from '../features/casework/kartlaggning/form-rules.ts';
import { createKartlaggningForm } from '../features/casework/kartlaggning/forms.ts';
import { FULL_DEMO_EXTRA_USERS, FULL_DEMO_SEED, loadDemoFull } from './demo-full.ts';
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
  { username: 'handledare', displayName: 'Hugo Handledare', role: 'handledare', unitKey: 'jobbcentrum' },
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

/**
 * `small`: units, one user per role, ~40 participants and ~30 workplaces (what every test file loads).
 * `full` (the default for `insats demo` and `npm start`): the small demo plus the seed programmes,
 * ~200 workplaces and ~1,500 participants with three years of history; see demo-full.ts.
 */
export type DemoSize = 'full' | 'small';

export interface LoadDemoOptions {
  size?: DemoSize;
  /** Seed of the full demo's generated data (the small demo's seeds are fixed). */
  seed?: number;
}

/** Loads the demo municipality. Idempotent: does nothing if it exists. */
export async function loadDemo(
  ctx: Ctx,
  log: (line: string) => void = console.log,
  opts: LoadDemoOptions = {},
): Promise<boolean> {
  const size = opts.size ?? 'full';
  const started = Date.now();
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
  if (size === 'full') {
    const full = await loadDemoFull(ctx, {
      organisationId,
      unitIds,
      userIds,
      seed: opts.seed ?? FULL_DEMO_SEED,
      log,
    });
    log(
      `Fullständig demo: ${full.persons} deltagare till, ${full.enrolments} insatser, ${full.placements} placeringar, ` +
        `${full.workplaces} arbetsplatser, ${full.programmes} insatstyper, ${full.protectedPersons} skyddade till.`,
    );
  }
  log(
    `Demokommunen "${DEMO_ORGANISATION}" är inläst (${size === 'full' ? 'fullständig' : 'liten'}, ${((Date.now() - started) / 1000).toFixed(1)} s).`,
  );
  return true;
}

/** The demo users of a demo of the given size. */
export function demoUsers(size: DemoSize = 'full'): DemoUser[] {
  return size === 'full' ? [...DEMO_USERS, ...FULL_DEMO_EXTRA_USERS] : DEMO_USERS;
}

export function printDemoLogins(log: (line: string) => void = console.log, size: DemoSize = 'full'): void {
  log('Demoinloggningar (användarnamn / lösenord / roll):');
  for (const u of demoUsers(size))
    log(`  ${u.username.padEnd(16)} ${demoPassword(u.username).padEnd(28)} ${u.role}`);
}
