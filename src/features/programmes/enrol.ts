import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import type { EnrolmentStatus } from '../../db/schema.ts';
import { swedishDate } from '../../domain/dates.ts';
import {
  capacityOn,
  type EligibilityRules,
  evaluateEligibility,
  type PriorityGroup,
  plannedEnd,
  priorityRank,
} from '../../domain/programme-rules.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields, authorizePerson } from '../participants/access.ts';
import { participantsPolicy } from '../participants/policy.ts';
import {
  countTaken,
  findIntake,
  findProgramme,
  insertEnrolment,
  insertEnrolmentPhase,
  personFacts,
  programmeDetails,
  requireUnit,
} from './repo.ts';
import type { EnrolInput } from './schema.ts';

export interface EnrolResult {
  id: string;
  status: Extract<EnrolmentStatus, 'enrolled' | 'waitlisted'>;
  startDate: string | null;
  plannedEndDate: string | null;
  priorityRank: number;
}

/** Places left under every cap that applies (null = no cap). Must run with the programme row locked. */
export async function placesLeft(
  tx: Tx,
  organisationId: string,
  programme: { id: string; capacity_mode: string | null },
  capacities: { valid_from: string; places: number }[],
  intake: { id: string; places: number | null } | undefined,
  startDate: string,
): Promise<number | null> {
  const limits: number[] = [];
  if (programme.capacity_mode) {
    const cap = capacityOn(
      capacities.map((c) => ({ validFrom: c.valid_from, places: c.places })),
      startDate,
    );
    if (cap !== null) {
      const year = startDate.slice(0, 4);
      const taken =
        programme.capacity_mode === 'annual'
          ? await countTaken(tx, organisationId, programme.id, {
              yearStart: `${year}-01-01`,
              yearEnd: `${year}-12-31`,
            })
          : await countTaken(tx, organisationId, programme.id, { concurrent: true });
      limits.push(cap - taken);
    }
  }
  if (intake && intake.places !== null) {
    limits.push(
      intake.places - (await countTaken(tx, organisationId, programme.id, { intakeId: intake.id })),
    );
  }
  return limits.length === 0 ? null : Math.min(...limits);
}

/**
 * Enrols a person in a programme (optionally an intake). Eligibility is checked with reasons; if no
 * place is left under the annual/concurrent cap or the intake's own cap, the person goes on the
 * waiting list. The programme row is locked for the count and the insert, so concurrent requests
 * can never exceed a cap, on PGlite or PostgreSQL.
 */
export async function enrolParticipant(
  ctx: Ctx,
  programmeId: string,
  input: EnrolInput,
  purpose: string | null = null,
): Promise<EnrolResult> {
  const organisationId = ctx.actor!.organisationId;
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const access = await authorizePerson(ctx, tx, input.personId, participantsPolicy.rules.write, {
        purpose,
      });
      const programme = await findProgramme(tx, organisationId, programmeId, true);
      if (!programme?.active) throw new AppError(404, 'not_found', 'not_found');
      const intake = input.intakeId ? await findIntake(tx, organisationId, input.intakeId) : undefined;
      if (input.intakeId && (!intake || intake.programme_id !== programmeId)) {
        throw new AppError(422, 'unknown_intake', {
          sv: 'Intaget hör inte till insatsen.',
          en: 'The intake does not belong to the programme.',
        });
      }
      const details = await programmeDetails(tx, organisationId, programmeId);
      if (input.trackId && !details.tracks.some((t) => t.id === input.trackId)) {
        throw new AppError(422, 'unknown_track', {
          sv: 'Spåret hör inte till insatsen.',
          en: 'The track does not belong to the programme.',
        });
      }
      if (input.unitId) await requireUnit(tx, organisationId, input.unitId);
      const startDate = input.startDate ?? intake?.starts_on ?? swedishDate(ctx.clock.now());
      const facts = await personFacts(tx, organisationId, input.personId);
      const failures = evaluateEligibility(
        programme.eligibility as EligibilityRules,
        {
          birthDate: facts.birth_date,
          incomeSource: facts.income_source,
          languages: facts.languages,
          municipalityCode: facts.municipality_code,
        },
        startDate,
      );
      if (failures.length > 0) {
        throw new AppError(
          422,
          'not_eligible',
          {
            sv: 'Deltagaren uppfyller inte insatsens villkor.',
            en: 'The participant does not meet the programme rules.',
          },
          failures.map((f) => ({ path: `eligibility.${f.rule}`, message: ctx.lang === 'en' ? f.en : f.sv })),
        );
      }
      const rank = priorityRank(
        programme.priority_groups as PriorityGroup[],
        {
          childrenAtHome: facts.children_at_home ?? 0,
          birthDate: facts.birth_date,
          assistanceMonths: facts.assistance_months,
        },
        startDate,
      );
      const left = await placesLeft(tx, organisationId, programme, details.capacities, intake, startDate);
      const status: EnrolResult['status'] = left === null || left > 0 ? 'enrolled' : 'waitlisted';
      const phases = details.phases.map((p) => ({
        code: p.code,
        weeks: p.planned_weeks,
        months: p.planned_months,
      }));
      const end = status === 'enrolled' ? plannedEnd(startDate, phases, programme.max_length_months) : null;
      const id = randomUUID();
      await insertEnrolment(tx, {
        organisationId,
        id,
        personId: input.personId,
        programmeId,
        intakeId: intake?.id ?? null,
        trackId: input.trackId ?? null,
        unitId: input.unitId ?? programme.unit_id,
        status,
        referredOn: input.referredOn ?? null,
        priorityRank: rank,
        startDate: status === 'enrolled' ? startDate : null,
        plannedEnd: end,
        now: ctx.clock.now(),
      });
      if (status === 'enrolled' && details.phases[0]) {
        await insertEnrolmentPhase(tx, organisationId, id, 1, details.phases[0].code, startDate);
      }
      await recordAudit(tx, ctx, {
        action: 'create',
        ...auditFields(access),
        objectType: 'enrolment',
        objectId: id,
        details: { programmeId, intakeId: intake?.id ?? null, status },
      });
      return {
        id,
        status,
        startDate: status === 'enrolled' ? startDate : null,
        plannedEndDate: end,
        priorityRank: rank,
      };
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw new AppError(409, 'already_enrolled', {
        sv: 'Deltagaren har redan en pågående plats eller står på väntelistan i den här insatsen.',
        en: 'The participant already has an open enrolment in this programme.',
      });
    }
    throw err;
  }
}
