import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { grantsFor } from '../../http/policy.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields, loadActorProtection, type PersonAccess } from './access.ts';
import { type PersonCodeLists, personCodeLists, SYSTEMS } from './code-lists.ts';
import { todayInSweden } from './dates.ts';
import { withPerson } from './person-tx.ts';
import { participantsPolicy } from './policy.ts';
import { mayView, type PersonPageData, presentPerson } from './present.ts';
import { codeNames, householdOf, personDetails, visibleHouseholdMembers } from './repo.ts';

/** Everything the person page shows, for the viewer's role (the presenter then drops what it may not see). */
export async function loadPersonPage(
  ctx: Ctx,
  tx: Tx,
  access: PersonAccess,
  lists: PersonCodeLists,
): Promise<PersonPageData> {
  const actor = ctx.actor!;
  const p = access.person;
  const role = access.grant.role;
  const details = await personDetails(tx, p);
  const names = await codeNames(tx, [
    ...[...new Set(details.occupations.map((o) => o.ssyk_version))].map((version) => ({
      system: SYSTEMS.occupation,
      version,
      codes: details.occupations.filter((o) => o.ssyk_version === version).map((o) => o.ssyk_code),
    })),
    {
      system: SYSTEMS.educationLevel,
      version: p.education_level_version ?? lists.educationLevel.version,
      codes: p.education_level_code ? [p.education_level_code] : [],
    },
    {
      system: SYSTEMS.unemploymentFund,
      version: p.akassa_version ?? lists.unemploymentFund.version,
      codes: p.akassa_code ? [p.akassa_code] : [],
    },
  ]);
  const nameOf = (system: string, version: string | null, code: string) =>
    names.get(`${system}@${version ?? ''}:${code}`) ?? null;
  const occ = (kind: string) =>
    details.occupations
      .filter((o) => o.kind === kind)
      .map((o) => {
        const n = nameOf(SYSTEMS.occupation, o.ssyk_version, o.ssyk_code);
        return { code: o.ssyk_code, name: n?.name ?? null, nameLang: n?.nameLang ?? null };
      });

  let household: PersonPageData['household'] = null;
  let partner: PersonPageData['partner'] = null;
  if (p.household_id && mayView(role, 'household')) {
    const h = await householdOf(tx, actor.organisationId, p.household_id);
    const protection = await loadActorProtection(tx, actor);
    // Only members the viewer may see are named; the others are not hinted at.
    const members = await visibleHouseholdMembers(
      tx,
      actor,
      participantsPolicy.rules.read,
      protection,
      p.household_id,
    );
    if (h) {
      household = {
        id: h.household.id,
        childrenAtHome: h.household.children_at_home,
        children: h.children.map((c) => ({ birthYearMonth: c.birth_year_month })),
        members: members
          .filter((m) => m.id !== p.id)
          .map((m) => ({
            id: m.id,
            firstName: m.first_name,
            lastName: m.last_name,
            isPartner: m.id === p.partner_person_id,
          })),
      };
    }
    const pm = members.find((m) => m.id === p.partner_person_id);
    if (pm) partner = { id: pm.id, firstName: pm.first_name, lastName: pm.last_name };
  }
  const eduName = p.education_level_code
    ? nameOf(SYSTEMS.educationLevel, p.education_level_version, p.education_level_code)
    : null;
  return {
    person: p,
    languages: details.languages.map((l) => ({
      code: l.language_code,
      name: lists.language.byCode.get(l.language_code)?.name ?? null,
      needsInterpreter: l.needs_interpreter,
    })),
    educationLevel: p.education_level_code
      ? { code: p.education_level_code, name: eduName?.name ?? null, nameLang: eduName?.nameLang ?? null }
      : null,
    occupations: { interest: occ('intresse'), experience: occ('erfarenhet') },
    akassa: p.akassa_code
      ? {
          code: p.akassa_code,
          name: nameOf(SYSTEMS.unemploymentFund, p.akassa_version, p.akassa_code)?.name ?? null,
          memberSince: p.akassa_member_since,
        }
      : null,
    household,
    partner,
    history: details.history.map((h) => ({
      personnummer: h.personnummer,
      identityKind: h.identity_kind,
      validTo: new Date(h.valid_to).toISOString(),
    })),
    unit: details.unit,
    team: details.team ? { id: details.team.id, name: details.team.name } : null,
    caseWorker: details.caseWorker
      ? { id: details.caseWorker.id, name: details.caseWorker.display_name }
      : null,
    viewer: {
      role,
      canWrite: grantsFor(actor, participantsPolicy.rules.write, p.responsible_unit_id).length > 0,
      canManageProtection:
        grantsFor(actor, participantsPolicy.rules.manageProtection, p.responsible_unit_id).length > 0,
    },
    today: todayInSweden(ctx.clock),
  };
}

/**
 * The person page: the authorised fetch, the presenter for the viewer's role, and exactly one `read`
 * audit event (raised severity and the stated purpose for protected persons).
 */
export async function getParticipant(ctx: Ctx, personId: string, purpose: string | null) {
  // Code lists are loaded before the transaction (PGlite has one connection).
  const lists = await personCodeLists(ctx.db);
  return withPerson(ctx, personId, participantsPolicy.rules.read, purpose, async (tx, access) => {
    const page = await loadPersonPage(ctx, tx, access, lists);
    await recordAudit(tx, ctx, { action: 'read', ...auditFields(access) });
    return presentPerson(page);
  });
}
