/**
 * Explanations for the case worker: for each assignment the score components and why better-ranked choices
 * were not given; for each unplaced person why (no choices, no eligible choice, all choices full with
 * holders of higher or equal standing).
 */
import { compileProblem } from './compile.ts';
import { AllocationInputError } from './errors.ts';
import type {
  AllocationInput,
  AllocationResult,
  AssignmentExplanation,
  ChoiceExplanation,
  ChoiceStatus,
  Explanations,
  UnplacedExplanation,
  ValidateOptions,
} from './types.ts';

export function explain(
  input: AllocationInput,
  result: AllocationResult,
  options: ValidateOptions = {},
): Explanations {
  const p = compileProblem(input, options);
  const { n, m } = p;
  const assignedWp = new Int32Array(n).fill(-1);
  for (const s of result.assignments) {
    const i = p.applicantIndex.get(s.applicantId);
    const j = p.workplaceIndex.get(s.workplaceId);
    if (i === undefined || j === undefined) {
      throw new AllocationInputError(
        `Resultatet passar inte indata (sökande "${s.applicantId}", arbetsplats "${s.workplaceId}")`,
        'result-mismatch',
        { kind: 'applicant', id: s.applicantId },
      );
    }
    assignedWp[i] = j;
  }
  const holders: number[][] = Array.from({ length: m }, () => []);
  for (let i = 0; i < n; i++) if (assignedWp[i]! >= 0) holders[assignedWp[i]!]!.push(i);
  const lotteryKey = new Float64Array(n);
  const lottery = result.mode === 'lottery' ? result.lotteryNumbers : undefined;
  if (lottery !== undefined) {
    for (let i = 0; i < n; i++)
      lotteryKey[i] = p.level[i]! * (n + 1) + (lottery[p.applicantIds[i]!] ?? n + 1);
  }

  const choiceStatus = (i: number, q: number): ChoiceStatus => {
    const j = p.choiceWp[q]!;
    if (assignedWp[i] === j) return { kind: 'tilldelad' };
    if (p.choiceEligible[q] === 0) {
      const pref = p.input.preferences[p.prefOf[i]!]!;
      const reasons = pref.choices[q - p.choiceStart[i]!]?.ineligibleReasons ?? [];
      return {
        kind: 'ej-behorig',
        reasons: reasons.length > 0 ? reasons : ['Uppfyller inte behörighetskraven'],
      };
    }
    const cap = p.capacity[j]!;
    if (cap === 0) return { kind: 'ingen-kapacitet' };
    const hs = holders[j]!;
    if (hs.length < cap) return { kind: 'ledig' };
    let higherPriority = 0;
    let samePriority = 0;
    let lowerPriority = 0;
    let ahead = 0;
    const li = p.level[i]!;
    for (const k of hs) {
      const lk = p.level[k]!;
      if (lk < li) higherPriority++;
      else if (lk === li) samePriority++;
      else lowerPriority++;
      if (lottery !== undefined && lotteryKey[k]! < lotteryKey[i]!) ahead++;
    }
    return {
      kind: 'full',
      capacity: cap,
      higherPriority,
      samePriority,
      lowerPriority,
      ...(lottery !== undefined ? { aheadInLottery: ahead } : {}),
    };
  };

  const choicesOf = (i: number, maxRank: number): ChoiceExplanation[] => {
    const out: ChoiceExplanation[] = [];
    const pref = p.prefOf[i]! >= 0 ? p.input.preferences[p.prefOf[i]!]! : undefined;
    for (let q = p.choiceStart[i]!; q < p.choiceStart[i + 1]!; q++) {
      const rank = p.choiceRank[q]!;
      if (rank >= maxRank) continue;
      const ch = pref?.choices[q - p.choiceStart[i]!];
      const item: ChoiceExplanation = {
        workplaceId: p.workplaceIds[p.choiceWp[q]!]!,
        rank,
        status: choiceStatus(i, q),
      };
      if (ch?.score !== undefined) item.score = ch.score;
      out.push(item);
    }
    return out.sort((x, y) => x.rank - y.rank);
  };

  const assignments: AssignmentExplanation[] = [];
  const unplaced: UnplacedExplanation[] = [];
  const byApplicant = new Map(result.assignments.map((s) => [s.applicantId, s]));
  for (let i = 0; i < n; i++) {
    const id = p.applicantIds[i]!;
    const s = byApplicant.get(id);
    if (s !== undefined) {
      const pref = p.input.preferences[p.prefOf[i]!];
      const ch = pref?.choices.find((c) => c.workplaceId === s.workplaceId);
      const betterChoices = choicesOf(i, s.rank);
      const item: AssignmentExplanation = {
        applicantId: id,
        workplaceId: s.workplaceId,
        rank: s.rank,
        cost: s.cost,
        components: ch?.components ?? [],
        betterChoices,
        text: '',
      };
      if (s.score !== undefined) item.score = s.score;
      item.text = assignmentText(item, result.mode);
      assignments.push(item);
      continue;
    }
    const choices = choicesOf(i, Number.POSITIVE_INFINITY);
    let reason: UnplacedExplanation['reason'];
    if (choices.length === 0) reason = 'inga-val';
    else if (choices.every((c) => c.status.kind === 'ej-behorig' || c.status.kind === 'ingen-kapacitet')) {
      reason = 'inga-behoriga-val';
    } else reason = 'alla-val-fulla';
    const item: UnplacedExplanation = { applicantId: id, reason, choices, text: '' };
    item.text = unplacedText(item, result.mode);
    unplaced.push(item);
  }
  return { assignments, unplaced };
}

function statusText(c: ChoiceExplanation, mode: AllocationResult['mode']): string {
  const s = c.status;
  const head = `Val ${c.rank} (${c.workplaceId})`;
  switch (s.kind) {
    case 'tilldelad':
      return `${head}: tilldelad`;
    case 'ej-behorig':
      return `${head}: ej behörig – ${s.reasons.join('; ')}`;
    case 'ingen-kapacitet':
      return `${head}: inga platser`;
    case 'ledig':
      return `${head}: plats fanns men sidovillkoren hindrade`;
    case 'full': {
      const parts: string[] = [];
      if (s.higherPriority > 0) parts.push(`${s.higherPriority} med högre prioritet`);
      if (s.samePriority > 0) parts.push(`${s.samePriority} med samma prioritet`);
      if (s.lowerPriority > 0) parts.push(`${s.lowerPriority} med lägre prioritet`);
      const lot =
        mode === 'lottery' && s.aheadInLottery !== undefined
          ? `, ${s.aheadInLottery} av ${s.capacity} före i prioritet och lottning`
          : '';
      return `${head}: full (${s.capacity} platser: ${parts.join(', ')}${lot})`;
    }
  }
}

function assignmentText(a: AssignmentExplanation, mode: AllocationResult['mode']): string {
  const lines = [
    `Tilldelad ${a.workplaceId} (val ${a.rank}${a.score !== undefined ? `, poäng ${a.score}` : ''}).`,
  ];
  if (a.components.length > 0) {
    lines.push(
      `Poäng: ${a.components
        .map(
          (c) =>
            `${c.label} ${c.points}${c.maxPoints !== undefined ? `/${c.maxPoints}` : ''}${c.detail ? ` (${c.detail})` : ''}`,
        )
        .join(', ')}.`,
    );
  }
  for (const c of a.betterChoices) lines.push(`${statusText(c, mode)}.`);
  return lines.join('\n');
}

function unplacedText(u: UnplacedExplanation, mode: AllocationResult['mode']): string {
  const head =
    u.reason === 'inga-val'
      ? 'Ingen plats: inga val angivna.'
      : u.reason === 'inga-behoriga-val'
        ? 'Ingen plats: inget av valen var behörigt.'
        : mode === 'lottery'
          ? 'Ingen plats: alla behöriga val var fulla med sökande före i prioritet och lottning.'
          : 'Ingen plats: alla behöriga val var fulla; den optimala fördelningen gav platserna till sökande med högre eller lika prioritet.';
  return [head, ...u.choices.map((c) => `${statusText(c, mode)}.`)].join('\n');
}
