import type { Ctx } from '../../context.ts';
import { employmentCostByMonth, oreToSek } from '../../domain/budget.ts';
import {
  type AssistanceState,
  type Evaluation,
  evaluate,
  MissingParametersError,
  monthsOnAssistanceAfterExit,
  PARAMETER_SPECS,
} from '../../domain/socioeconomic.ts';
import { AppError } from '../../http/errors.ts';
import { costComparison } from './cost-comparison.ts';
import { type ParameterRow, parametersInForce } from './parameters.ts';
import { enrolmentsForEvaluation, followUpsFor, subsidisedPlacements } from './repo.ts';
import { organisationOf, requireProgramme } from './shared.ts';

export interface EvaluationRequest {
  from: string;
  to: string;
  observationMonths?: number;
  successShares?: number[];
}

export interface ProgrammeEvaluation {
  programme: { id: string; code: string; name: string };
  period: { from: string; to: string };
  parameterYear: number;
  /** Where each input came from, printed with the result. */
  dataSources: string[];
  parameters: ParameterRow[];
  result: Evaluation;
}

function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function stateOf(outcome: string | null, incomeSource: string | null): AssistanceState {
  if (outcome === 'forsorjningsstod' || incomeSource === 'forsorjningsstod') return 'forsorjningsstod';
  if (outcome && outcome !== 'okand') return 'annat';
  if (incomeSource) return 'annat';
  return 'okant';
}

/** Splits an amount over n parts that sum to it exactly (the remainder one krona each to the first parts). */
function split(amount: number, n: number): number[] {
  const base = Math.floor(amount / n);
  const rest = amount - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < rest ? 1 : 0));
}

/**
 * Socio-economic evaluation of a programme over a period, with the parameter set of the period's last year.
 * Participants are referred to pseudonymously (D1, D2, … in start order): no personal data in the result.
 */
export async function evaluateProgramme(
  ctx: Ctx,
  programmeId: string,
  req: EvaluationRequest,
): Promise<ProgrammeEvaluation> {
  const organisationId = organisationOf(ctx);
  const programme = await requireProgramme(ctx, programmeId);
  if (req.to < req.from) {
    throw new AppError(422, 'period_invalid', {
      sv: 'Periodens slut är före dess början.',
      en: 'Period ends before it starts.',
    });
  }
  const w = req.observationMonths ?? 12;
  const year = Number(req.to.slice(0, 4));
  const parameters = await parametersInForce(ctx, year);
  const enrolments = await enrolmentsForEvaluation(ctx.db, organisationId, programmeId, req.from, req.to);
  if (enrolments.length === 0) {
    throw new AppError(422, 'no_participants', {
      sv: 'Insatsen har inga deltagare som påbörjat den under perioden.',
      en: 'No participants in the period.',
    });
  }
  const followUps = await followUpsFor(
    ctx.db,
    organisationId,
    enrolments.map((e) => e.id),
  );
  // The state's cost: wage subsidies on the participants' placements within the period (pro rata by day).
  const subsidyOre = new Map<string, number>();
  for (const p of await subsidisedPlacements(
    ctx.db,
    organisationId,
    enrolments.map((e) => e.id),
  )) {
    const end = p.end_date && p.end_date < req.to ? p.end_date : req.to;
    const from = p.start_date > req.from ? p.start_date : req.from;
    if (end < from) continue;
    const months = employmentCostByMonth(
      {
        startDate: p.start_date,
        endDate: end,
        monthlySalarySek: 0,
        employerCostFactor: 1,
        subsidyMonthlySek: Number(p.subsidy_monthly_sek),
        subsidyFrom: p.subsidy_from,
        subsidyTo: p.subsidy_to,
      },
      { from, to: end },
    );
    let sum = 0;
    for (const ore of months.values()) sum -= ore;
    subsidyOre.set(p.enrolment_id, (subsidyOre.get(p.enrolment_id) ?? 0) + sum);
  }
  const costRows = await costComparison(ctx, programmeId, { from: req.from, to: req.to });
  const totalCost = costRows.reduce((s, r) => s + r.outcomeSek, 0);
  const shares = split(totalCost, enrolments.length);
  const participants = enrolments.map((e, i) => {
    const before: AssistanceState = e.income_source === 'forsorjningsstod' ? 'forsorjningsstod' : 'annat';
    const monthsBefore = before === 'forsorjningsstod' ? w : 0;
    let monthsAfter = monthsBefore;
    if (e.exit_date && e.exit_date <= req.to) {
      let atExit = stateOf(null, e.income_source_at_exit);
      if (atExit === 'okant') atExit = before;
      const fu = followUps
        .filter((f) => f.enrolment_id === e.id && f.status === 'genomford')
        .map((f) => ({ monthsAfterExit: f.months_after_exit, state: stateOf(f.outcome, f.income_source) }));
      monthsAfter = monthsOnAssistanceAfterExit(atExit, fu, w);
    }
    return {
      ref: `D${i + 1}`,
      ageAtExit: ageOn(e.birth_date, e.exit_date && e.exit_date <= req.to ? e.exit_date : req.to),
      monthsBefore,
      monthsAfter,
      cost: { kommun: shares[i]!, stat: oreToSek(subsidyOre.get(e.id) ?? 0) },
    };
  });
  try {
    const result = evaluate({
      year,
      observationMonths: w,
      participants,
      parameters: parameters.map((p) => ({
        id: p.id,
        key: p.key,
        value: p.value,
        unit: p.unit,
        source: p.source,
      })),
      ...(req.successShares ? { scenarioShares: req.successShares } : {}),
    });
    return {
      programme: { id: programme.id, code: programme.code, name: programme.name },
      period: { from: req.from, to: req.to },
      parameterYear: year,
      dataSources: [
        `Deltagare: ${enrolments.length} inskrivningar i insatsen som pågick någon gång ${req.from}–${req.to}.`,
        `Före start: inkomstkälla försörjningsstöd i deltagarregistret räknas som ${w} av ${w} månader (uppgiften gäller nuläget, inte historiken månad för månad).`,
        'Efter avslut: inkomstkälla vid avslut och genomförda uppföljningar; deltagare som inte avslutats räknas utan effekt.',
        `Kostnad: insatsens utfall ${req.from}–${req.to} (${totalCost} kr, alla kategorier) fördelat lika per deltagare och bokfört på kommunen. Statens kostnad: lönestöd på deltagarnas placeringar under perioden (per dag).`,
      ],
      parameters: parameters.filter((p) => PARAMETER_SPECS.some((s) => s.key === p.key)),
      result,
    };
  } catch (err) {
    if (err instanceof MissingParametersError) {
      throw new AppError(
        422,
        'parameters_missing',
        {
          sv: `Parametrar saknas för ${err.year}: ${err.missing.join(', ')}. Lägg in dem under Parametrar.`,
          en: `Parameters missing for ${err.year}: ${err.missing.join(', ')}.`,
        },
        err.missing.map((k) => ({ path: k, message: `Saknas för ${err.year}.` })),
      );
    }
    throw err;
  }
}
