import type { HealthColour, HealthListType, HealthReason, RiskArea } from '@govpass/shared-types';
import { addDays } from '../../../core/china-date';
import type { HealthRule, HealthRules, RuleCondition } from './health-rules-schema';

/** One row of an official list: date = diagnosis or last contact; releasedOn = released by officials. */
export interface ListEntryInput {
  list: HealthListType;
  date: string;
  releasedOn: string | null;
}

export interface TestResultInput {
  result: 'negative' | 'positive';
  /** Epoch ms the sample was taken. */
  sampledAt: number;
}

export interface DeclarationInput {
  /** Epoch ms of the declaration. */
  declaredAt: number;
  symptoms: readonly string[];
  travel: readonly { district: string; date: string }[];
}

export interface ExposureInput {
  /** China date of the exposure (the visit). */
  date: string;
  /** Where and when, in plain Chinese (e.g. 12月03日 14:05 庐阳区便民超市), shown in the reason. */
  detail?: string | null;
}

/** An appeal decision that overrides the colour up to and including `until`. */
export interface OverrideInput {
  colour: HealthColour;
  until: string;
}

export interface HealthInputs {
  lists: readonly ListEntryInput[];
  tests: readonly TestResultInput[];
  declarations: readonly DeclarationInput[];
  exposures: readonly ExposureInput[];
  riskAreas: readonly RiskArea[];
  override: OverrideInput | null;
}

export interface Evaluation {
  colour: HealthColour;
  reasons: HealthReason[];
  /** Day the code turns green if nothing new happens; null when green or not foreseeable. */
  greenFrom: string | null;
}

const SEVERITY: Record<HealthColour, number> = { green: 0, yellow: 1, red: 2 };
export const APPEAL_OVERRIDE_RULE = 'appeal_override';

/** A rule applies until `until` (exclusive, China date), or open-ended when null. */
type Match = { until: string | null } | null;

/** Folds several matches of one rule: any open-ended one keeps it open, else the latest end. */
function latest(untils: (string | null)[]): Match {
  if (untils.length === 0) return null;
  if (untils.includes(null)) return { until: null };
  return { until: (untils as string[]).reduce((a, b) => (a > b ? a : b)) };
}

function activeUntil(until: string | null, today: string): boolean {
  return until === null || today < until;
}

function matchList(list: HealthListType, days: number | null, inputs: HealthInputs, today: string): Match {
  const untils = inputs.lists
    .filter((e) => e.list === list)
    .map((e) => e.releasedOn ?? (days === null ? null : addDays(e.date, days)))
    .filter((u) => activeUntil(u, today));
  return latest(untils);
}

function negativeAfter(inputs: HealthInputs, instant: number): boolean {
  return inputs.tests.some((t) => t.result === 'negative' && t.sampledAt > instant);
}

function matchPositiveTest(inputs: HealthInputs): Match {
  const positives = inputs.tests.filter((t) => t.result === 'positive');
  if (positives.length === 0) return null;
  const last = Math.max(...positives.map((t) => t.sampledAt));
  return negativeAfter(inputs, last) ? null : { until: null };
}

function matchSymptoms(inputs: HealthInputs): Match {
  const declared = inputs.declarations.filter((d) => d.symptoms.length > 0);
  if (declared.length === 0) return null;
  const last = Math.max(...declared.map((d) => d.declaredAt));
  return negativeAfter(inputs, last) ? null : { until: null };
}

function matchDated(dates: string[], days: number, today: string): Match {
  return latest(dates.map((d) => addDays(d, days)).filter((u) => activeUntil(u, today)));
}

/** Travel days on which the district was at `level` (the area's window includes the day). */
function riskyTravelDates(inputs: HealthInputs, level: 'high' | 'medium'): string[] {
  const dates: string[] = [];
  for (const decl of inputs.declarations) {
    for (const t of decl.travel) {
      const risky = inputs.riskAreas.some((a) => a.level === level && a.district === t.district && a.from <= t.date && (a.until === null || t.date <= a.until));
      if (risky) dates.push(t.date);
    }
  }
  return dates;
}

function matchRule(when: RuleCondition, days: number | null, inputs: HealthInputs, today: string): Match {
  switch (when.kind) {
    case 'list':
      return matchList(when.list, days, inputs, today);
    case 'positive_test':
      return matchPositiveTest(inputs);
    case 'symptoms':
      return matchSymptoms(inputs);
    case 'exposure':
      return matchDated(inputs.exposures.map((e) => e.date), days ?? 0, today);
    case 'travel':
      return matchDated(riskyTravelDates(inputs, when.level), days ?? 0, today);
    case 'otherwise':
      return null;
  }
}

function reasonOf(rule: HealthRule, until: string | null): HealthReason {
  return { rule: rule.id, text: rule.reason, greenCondition: rule.greenCondition, until };
}

/** The exposure reason names the latest visit that still counts, when its report said where and when. */
function withExposureDetail(reason: HealthReason, inputs: HealthInputs, days: number, today: string): HealthReason {
  const counting = inputs.exposures.filter((e) => e.detail && activeUntil(addDays(e.date, days), today));
  if (counting.length === 0) return reason;
  const last = counting.reduce((a, b) => (b.date > a.date ? b : a));
  return { ...reason, text: `${reason.text}（${last.detail}）` };
}

function worst(a: HealthColour, b: HealthColour): HealthColour {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

function evaluateRules(inputs: HealthInputs, today: string, rules: HealthRules): Evaluation {
  let colour: HealthColour = 'green';
  const reasons: HealthReason[] = [];
  for (const rule of rules.rules) {
    const match = matchRule(rule.when, rule.days, inputs, today);
    if (!match) continue;
    colour = worst(colour, rule.colour);
    reasons.push(rule.when.kind === 'exposure' ? withExposureDetail(reasonOf(rule, match.until), inputs, rule.days ?? 0, today) : reasonOf(rule, match.until));
  }
  if (reasons.length === 0) {
    const otherwise = rules.rules[rules.rules.length - 1];
    return { colour: 'green', reasons: [reasonOf(otherwise, null)], greenFrom: null };
  }
  const untils = reasons.map((r) => r.until);
  const greenFrom = untils.includes(null) ? null : (untils as string[]).reduce((a, b) => (a > b ? a : b));
  return { colour, reasons, greenFrom };
}

function applyOverride(base: Evaluation, override: OverrideInput, rules: HealthRules): Evaluation {
  const ends = addDays(override.until, 1);
  const green = override.colour === 'green';
  const reason: HealthReason = { rule: APPEAL_OVERRIDE_RULE, text: rules.appealOverride.reason, greenCondition: green ? null : rules.appealOverride.greenCondition, until: ends };
  let greenFrom: string | null = null;
  if (!green) greenFrom = base.colour === 'green' ? ends : base.greenFrom === null ? null : base.greenFrom > ends ? base.greenFrom : ends;
  return { colour: override.colour, reasons: [reason], greenFrom };
}

/**
 * The colour of one person on `today` (YYYY-MM-DD, China time): every rule that applies gives a
 * reason, the worst colour wins, and greenFrom is the latest end among the reasons when all of
 * them end on a known day. An appeal override wins while it lasts (through its `until` day).
 * Pure: same inputs, same day, same rules → same answer.
 */
export function evaluateHealth(inputs: HealthInputs, today: string, rules: HealthRules): Evaluation {
  const base = evaluateRules(inputs, today, rules);
  const o = inputs.override;
  return o && today <= o.until ? applyOverride(base, o, rules) : base;
}

/** The first day on which the answer can change by the calendar alone (the earliest reason end). */
export function reviewDateOf(reasons: readonly HealthReason[]): string | null {
  let first: string | null = null;
  for (const r of reasons) if (r.until !== null && (first === null || r.until < first)) first = r.until;
  return first;
}
