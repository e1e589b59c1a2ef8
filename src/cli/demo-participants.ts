import type { Actor, Ctx } from '../context.ts';
import { createSeededRng, type Rng, syntheticPersonnummer } from '../domain/personnummer.ts';
import { loadActor } from '../features/auth/sessions.ts';
import { changeProtection } from '../features/participants/change-protection.ts';
import { createHousehold } from '../features/participants/create-household.ts';
import { linkPartner } from '../features/participants/link-partner.ts';
import { grantProtectionPermission } from '../features/participants/protection-permissions.ts';
import { registerParticipant } from '../features/participants/register-participant.ts';
import type { RegisterInput } from '../features/participants/schema.ts';
import { updateParticipant } from '../features/participants/update-participant.ts';
import { expandUnits } from '../http/policy.ts';

/**
 * ~40 demo participants for "Exempelby kommun", registered through the registry's use cases
 * (validation, audit events and all), deterministic from a fixed seed. Identity numbers are synthetic
 * (`syntheticPersonnummer`) and may coincide with real numbers: demo only.
 *
 * Registrations are made by a system actor "system:demoinlasning" holding enhetschef on the
 * förvaltning (so every unit can be filled) — it is not a login and has no password; the audit log
 * shows it by that name. Protection grades and permissions are set by the demo users whose job it is:
 * the administrator grants the enhetschef both grade permissions, the enhetschef sets the grades
 * (and so stands on the access list of the case with skyddad folkbokföring).
 */

export const FIRST_NAMES_K = [
  'Anna',
  'Fatima',
  'Maria',
  'Amina',
  'Sara',
  'Hodan',
  'Elin',
  'Leyla',
  'Ida',
  'Mariam',
  'Åsa',
  'Ebba',
  'Zeynep',
  'Linnéa',
  'Nour',
  'Aisha',
];
export const FIRST_NAMES_M = [
  'Ahmed',
  'Erik',
  'Mohammed',
  'Johan',
  'Ali',
  'Oscar',
  'Yusuf',
  'Björn',
  'Hassan',
  'Jonas',
  'Abdi',
  'Örjan',
  'Karim',
  'Nils',
  'Dawit',
  'Omar',
];
export const LAST_NAMES = [
  'Andersson',
  'Hassan',
  'Johansson',
  'Ali',
  'Karlsson',
  'Mohamed',
  'Nilsson',
  'Ahmadi',
  'Eriksson',
  'Öberg',
  'Larsson',
  'Abdullahi',
  'Olsson',
  'Haile',
  'Persson',
  'Åkesson',
  'Svensson',
  'Yilmaz',
  'Gustafsson',
  'Nguyen',
  'Pettersson',
  'Ekström',
  'Lindqvist',
  'Berhane',
];
const LANGUAGES = ['sv', 'ar', 'so', 'ti', 'fa', 'prs', 'ku', 'en', 'pl', 'bs', 'es', 'fi', 'am', 'tr'];
export const SSYK = [
  '5120',
  '9412',
  '9111',
  '5321',
  '4222',
  '8332',
  '7112',
  '5223',
  '9331',
  '5131',
  '7411',
  '5330',
  '2341',
  '7233',
];
const SUN = ['106', '206', '310', '317', '327', '337', '410', '415', '535', '536'];
export const STREETS = [
  'Storgatan',
  'Kyrkogatan',
  'Parkvägen',
  'Björkvägen',
  'Skolgatan',
  'Ringvägen',
  'Ängsvägen',
  'Åsvägen',
];
export const AKASSOR = ['Qo4K_J3R_mw1', 'XHG8_voY_cCt', '3r9J_HFs_2cu', 'KnqJ_8T1_U5h', 'LYWt_LbD_YvZ'];

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Months, of the last 12, with ekonomiskt bistånd for a demo person: for försörjningsstöd mostly
 * 10–12 (långvarigt bistånd), some 1–9; for other income sources not recorded. Drawn from its own
 * stream so the rest of the demo data stays as it was.
 */
export function demoAssistanceMonths(rng: Rng, incomeSource: string | null | undefined): number | null {
  if (incomeSource !== 'forsorjningsstod') return null;
  return rng() < 0.7 ? 10 + Math.floor(rng() * 3) : 1 + Math.floor(rng() * 9);
}

export interface DemoParticipantsResult {
  registered: number;
  protectedIds: { sekretessmarkering: string; skyddad_folkbokforing: string };
}

export function systemActor(
  organisationId: string,
  forvaltningId: string,
  units: { id: string; parent_id: string | null }[],
): Actor {
  return {
    userId: '00000000-0000-0000-0000-00000000d3e0',
    username: 'system:demoinlasning',
    displayName: 'Demoinläsning',
    organisationId,
    roles: [{ role: 'enhetschef', unitId: forvaltningId }],
    unitScope: new Map([['enhetschef', expandUnits([forvaltningId], units)]]),
    sessionIdHash: null,
  };
}

export async function loadDemoParticipants(
  ctx: Ctx,
  opts: { organisationId: string; unitIds: Map<string, string>; userIds: Map<string, string> },
): Promise<DemoParticipantsResult> {
  const rng = createSeededRng(20260302);
  const monthsRng = createSeededRng(20260302 + 18);
  const { organisationId, unitIds, userIds } = opts;
  const units = await ctx.db
    .selectFrom('unit')
    .select(['id', 'parent_id'])
    .where('organisation_id', '=', organisationId)
    .execute();
  const system: Ctx = { ...ctx, actor: systemActor(organisationId, unitIds.get('forvaltning')!, units) };
  const actorOf = async (username: string): Promise<Ctx> => {
    const actor = await loadActor(ctx.db, organisationId, userIds.get(username)!, null);
    if (!actor) throw new Error(`Demoanvändaren ${username} saknas.`);
    return { ...ctx, actor };
  };
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const thisYear = Number(today.slice(0, 4));

  const plan: { unit: string; count: number; caseWorker?: string }[] = [
    { unit: 'jobbcentrum', count: 24, caseWorker: 'handlaggare' },
    { unit: 'kc-norr', count: 6 },
    { unit: 'kc-soder', count: 5 },
    { unit: 'vuxenutbildning', count: 5 },
  ];
  const used = new Set<string>();
  const ids: { id: string; unit: string; last: string }[] = [];
  for (const { unit, count, caseWorker } of plan) {
    for (let i = 0; i < count; i++) {
      const sex = rng() < 0.5 ? 'K' : 'M';
      const year = thisYear - 19 - Math.floor(rng() * 45);
      const birthDate = `${year}-${pad(1 + Math.floor(rng() * 12))}-${pad(1 + Math.floor(rng() * 28))}`;
      const coordination = rng() < 0.08;
      let personnummer = syntheticPersonnummer(rng, { birthDate, sex, coordination });
      while (used.has(personnummer))
        personnummer = syntheticPersonnummer(rng, { birthDate, sex, coordination });
      used.add(personnummer);
      const languages = [{ code: 'sv', needsInterpreter: false }];
      if (rng() < 0.6) {
        const other = pick(
          rng,
          LANGUAGES.filter((l) => l !== 'sv'),
        );
        languages.unshift({ code: other, needsInterpreter: rng() < 0.4 });
      }
      const lastName = pick(rng, LAST_NAMES);
      const input: RegisterInput = {
        personnummer,
        firstName: pick(rng, sex === 'K' ? FIRST_NAMES_K : FIRST_NAMES_M),
        lastName,
        ...(rng() < 0.1 ? { sex: 'X' as const } : {}),
        email: rng() < 0.7 ? `deltagare${ids.length + 1}@example.se` : null,
        phone:
          rng() < 0.8
            ? `070-${100 + Math.floor(rng() * 899)} ${pad(Math.floor(rng() * 100))} ${pad(Math.floor(rng() * 100))}`
            : null,
        address: {
          street: `${pick(rng, STREETS)} ${1 + Math.floor(rng() * 60)}`,
          postalCode: `${63000 + Math.floor(rng() * 900)}`,
          city: 'Exempelby',
        },
        municipalityCode: null,
        languages,
        educationLevel: pick(rng, SUN),
        occupations: {
          interest: [...new Set([pick(rng, SSYK), pick(rng, SSYK)])],
          experience: rng() < 0.6 ? [pick(rng, SSYK)] : [],
        },
        drivingLicences: rng() < 0.45 ? (rng() < 0.2 ? ['B', 'C'] : ['B']) : [],
        akassa:
          rng() < 0.3
            ? { code: pick(rng, AKASSOR), memberSince: `${thisYear - 1 - Math.floor(rng() * 8)}-01-01` }
            : null,
        incomeSource: pick(rng, [
          'forsorjningsstod',
          'forsorjningsstod',
          'forsorjningsstod',
          'aktivitetsstod',
          'ingen',
          'annan',
        ] as const),
        adjustmentNeeds:
          rng() < 0.25
            ? pick(rng, [
                'Behöver skriftliga instruktioner.',
                'Kan inte lyfta tungt.',
                'Korta arbetspass i början.',
              ])
            : null,
        caseWorkerUserId: caseWorker && rng() < 0.6 ? userIds.get(caseWorker)! : null,
        teamId: null,
        responsibleUnitId: unitIds.get(unit)!,
      };
      input.assistanceMonths = demoAssistanceMonths(monthsRng, input.incomeSource);
      const { id } = await registerParticipant(system, input);
      ids.push({ id, unit, last: lastName });
    }
  }

  // Households: three couples taking part together, and single parents with children at home.
  const jc = ids.filter((p) => p.unit === 'jobbcentrum');
  for (let c = 0; c < 3; c++) {
    const a = jc[c * 2]!;
    const b = jc[c * 2 + 1]!;
    const children = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => ({
      birthYearMonth: `${thisYear - 1 - Math.floor(rng() * 15)}-${pad(1 + Math.floor(rng() * 12))}`,
    }));
    await createHousehold(system, a.id, { children }, null);
    await linkPartner(system, b.id, a.id, null);
  }
  for (const p of [jc[8]!, jc[9]!, ids.find((x) => x.unit === 'kc-norr')!]) {
    await createHousehold(
      system,
      p.id,
      { childrenAtHome: 2, children: [{ birthYearMonth: `${thisYear - 6}-04` }] },
      null,
    );
  }
  // A few have paused or finished.
  await updateParticipant(system, jc[12]!.id, { status: 'vilande' }, null);
  await updateParticipant(system, jc[13]!.id, { status: 'avslutad' }, null);

  // Protected identities: two more persons in Jobbcentrum.
  const admin = await actorOf('admin');
  const chef = await actorOf('enhetschef');
  const chefId = userIds.get('enhetschef')!;
  const adminGrant = admin.actor!.roles.find((r) => r.role === 'administrator')!;
  await grantProtectionPermission(admin, adminGrant, { userId: chefId, level: 'sekretessmarkering' });
  await grantProtectionPermission(admin, adminGrant, { userId: chefId, level: 'skyddad_folkbokforing' });
  const protectedIds = { sekretessmarkering: '', skyddad_folkbokforing: '' };
  for (const [level, first, last] of [
    ['sekretessmarkering', 'Signe', 'Skyddsdotter'],
    ['skyddad_folkbokforing', 'Saga', 'Skyddsson'],
  ] as const) {
    const { id } = await registerParticipant(system, {
      personnummer: syntheticPersonnummer(rng, { birthDate: `${thisYear - 30}-06-15`, sex: 'K' }),
      firstName: first,
      lastName: last,
      languages: [{ code: 'sv', needsInterpreter: false }],
      occupations: { interest: ['5321'], experience: [] },
      drivingLicences: [],
      address: { street: 'Hemlig väg 1', postalCode: '63000', city: 'Exempelby' },
      email: null,
      phone: null,
      adjustmentNeeds: null,
      responsibleUnitId: unitIds.get('jobbcentrum')!,
      caseWorkerUserId: null,
    });
    await changeProtection(chef, id, {
      level,
      source: 'folkbokforing',
      decidedOn: `${thisYear - 1}-11-01`,
      purpose: 'Demodata: skyddsmarkering från folkbokföringen',
    });
    protectedIds[level] = id;
  }
  return { registered: ids.length + 2, protectedIds };
}
