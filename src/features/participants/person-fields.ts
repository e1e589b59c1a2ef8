import type { Actor, Role } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { normalizeForSearch } from '../../domain/codelists.ts';
import { personSortKey } from '../../domain/swedish-sort.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { expandUnits } from '../../http/policy.ts';
import type { PersonCodeLists } from './code-lists.ts';
import { activeUsersWithRoles, findTeam, unitsOf } from './repo.ts';
import type { RegisterInput } from './schema.ts';

/** Checks and derivations shared by registration, editing and import. */

export type CodedFields = Pick<
  RegisterInput,
  'languages' | 'educationLevel' | 'occupations' | 'drivingLicences' | 'akassa'
>;

/** Code-list checks; paths are relative to the input object (e.g. `languages.0.code`). */
export function checkCodes(lists: PersonCodeLists, input: Partial<CodedFields>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seenLanguages = new Set<string>();
  (input.languages ?? []).forEach((l, i) => {
    if (!lists.language.byCode.has(l.code))
      issues.push({ path: `languages.${i}.code`, message: `Okänd språkkod "${l.code}" (ISO 639).` });
    if (seenLanguages.has(l.code))
      issues.push({ path: `languages.${i}.code`, message: `Språket "${l.code}" finns två gånger.` });
    seenLanguages.add(l.code);
  });
  if (input.educationLevel && !lists.educationLevel.byCode.has(input.educationLevel)) {
    issues.push({ path: 'educationLevel', message: `Okänd SUN 2020-nivå "${input.educationLevel}".` });
  }
  for (const kind of ['interest', 'experience'] as const) {
    const seen = new Set<string>();
    (input.occupations?.[kind] ?? []).forEach((code, i) => {
      if (!lists.occupation.byCode.has(code))
        issues.push({ path: `occupations.${kind}.${i}`, message: `Okänd SSYK 2012-kod "${code}".` });
      if (seen.has(code))
        issues.push({ path: `occupations.${kind}.${i}`, message: `Yrket "${code}" finns två gånger.` });
      seen.add(code);
    });
  }
  const licenceNames = new Set(lists.drivingLicence.entries.map((e) => e.name));
  (input.drivingLicences ?? []).forEach((l, i) => {
    if (!licenceNames.has(l))
      issues.push({ path: `drivingLicences.${i}`, message: `Okänd körkortsbehörighet "${l}".` });
  });
  if (input.akassa && !lists.unemploymentFund.byCode.has(input.akassa.code)) {
    issues.push({ path: 'akassa.code', message: 'Okänd a-kassa.' });
  }
  return issues;
}

const CASE_WORKER_ROLES: readonly Role[] = [
  'handlaggare',
  'enhetschef',
  'jobbmaklare',
  'studie_yrkesvagledare',
];

/** Users who may be named case worker for a person in `unitId`: a staff grant covering that unit. */
export async function caseWorkersForUnit(tx: Tx, organisationId: string, unitId: string) {
  const [units, users] = await Promise.all([
    unitsOf(tx, organisationId),
    activeUsersWithRoles(tx, organisationId),
  ]);
  const out = new Map<string, { id: string; name: string }>();
  for (const u of users) {
    if (!CASE_WORKER_ROLES.includes(u.role as Role)) continue;
    if (expandUnits([u.unit_id], units).has(unitId)) out.set(u.id, { id: u.id, name: u.display_name });
  }
  return [...out.values()];
}

/** Case worker and team must belong to the responsible unit. */
export async function checkAssignment(
  tx: Tx,
  actor: Actor,
  unitId: string,
  caseWorkerUserId: string | null | undefined,
  teamId: string | null | undefined,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (caseWorkerUserId) {
    const workers = await caseWorkersForUnit(tx, actor.organisationId, unitId);
    if (!workers.some((w) => w.id === caseWorkerUserId))
      issues.push({
        path: 'caseWorkerUserId',
        message: 'Handläggaren arbetar inte på den ansvariga enheten.',
      });
  }
  if (teamId) {
    const team = await findTeam(tx, actor.organisationId, teamId);
    if (!team || team.unit_id !== unitId)
      issues.push({ path: 'teamId', message: 'Teamet hör inte till den ansvariga enheten.' });
  }
  return issues;
}

/** Sort and search columns for a name (migration 004). */
export function nameColumns(firstName: string, lastName: string) {
  return {
    sort_key: personSortKey(lastName, firstName),
    search_name: normalizeForSearch(`${firstName} ${lastName}`),
  };
}

/** Occupation rows from the input, with the code-list version. */
export function occupationRows(lists: PersonCodeLists, occupations: CodedFields['occupations']) {
  return [
    ...occupations.interest.map((code) => ({
      kind: 'intresse' as const,
      code,
      version: lists.occupation.version,
    })),
    ...occupations.experience.map((code) => ({
      kind: 'erfarenhet' as const,
      code,
      version: lists.occupation.version,
    })),
  ];
}

export function prefixIssues(prefix: string, issues: FieldIssue[]): FieldIssue[] {
  return issues.map((i) => ({ ...i, path: `${prefix}.${i.path}` }));
}
