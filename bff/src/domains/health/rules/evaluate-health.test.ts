import { join } from 'node:path';
import type { HealthColour } from '@govpass/shared-types';
import { evaluateHealth, reviewDateOf, type HealthInputs } from './evaluate-health';
import { loadHealthRules } from './health-rules-schema';

// The real file: the table checks what a health official actually configured.
const rules = loadHealthRules(join(__dirname, '../../../../../config/health-rules.json'));
const TODAY = '2026-12-04';
const at = (iso: string) => Date.parse(iso);

function inputs(over: Partial<HealthInputs> = {}): HealthInputs {
  return { lists: [], tests: [], declarations: [], exposures: [], riskAreas: [], override: null, ...over };
}

interface Case {
  name: string;
  in: Partial<HealthInputs>;
  colour: HealthColour;
  /** rule id → until */
  reasons: Record<string, string | null>;
  greenFrom: string | null;
}

const HIGH_A = { district: '江汉区', level: 'high' as const, from: '2026-11-20', until: null };
const MEDIUM_B = { district: '武昌区', level: 'medium' as const, from: '2026-11-25', until: '2026-12-10' };
const travel = (district: string, date: string, symptoms: string[] = [], declaredAt = at('2026-12-01T02:00:00Z')) => ({ declaredAt, symptoms, travel: [{ district, date }] });
const symptoms = (declaredAt: number) => ({ declaredAt, symptoms: ['fever'], travel: [] });

const cases: Case[] = [
  { name: 'no inputs: green with the otherwise reason', in: {}, colour: 'green', reasons: { otherwise: null }, greenFrom: null },
  { name: 'confirmed, not released: red, open-ended', in: { lists: [{ list: 'confirmed', date: '2026-11-30', releasedOn: null }] }, colour: 'red', reasons: { confirmed: null }, greenFrom: null },
  { name: 'confirmed, released in the past: green', in: { lists: [{ list: 'confirmed', date: '2026-11-01', releasedOn: '2026-11-20' }] }, colour: 'green', reasons: { otherwise: null }, greenFrom: null },
  { name: 'confirmed, release date ahead: red until it', in: { lists: [{ list: 'confirmed', date: '2026-11-20', releasedOn: '2026-12-08' }] }, colour: 'red', reasons: { confirmed: '2026-12-08' }, greenFrom: '2026-12-08' },
  { name: 'suspected: red, open-ended', in: { lists: [{ list: 'suspected', date: '2026-12-03', releasedOn: null }] }, colour: 'red', reasons: { suspected: null }, greenFrom: null },
  { name: 'close contact 10 days ago: red 14 days after contact', in: { lists: [{ list: 'close_contact', date: '2026-11-24', releasedOn: null }] }, colour: 'red', reasons: { close_contact: '2026-12-08' }, greenFrom: '2026-12-08' },
  { name: 'close contact 14 days ago: green today', in: { lists: [{ list: 'close_contact', date: '2026-11-20', releasedOn: null }] }, colour: 'green', reasons: { otherwise: null }, greenFrom: null },
  { name: 'close contact twice: the later contact counts', in: { lists: [{ list: 'close_contact', date: '2026-11-22', releasedOn: null }, { list: 'close_contact', date: '2026-12-01', releasedOn: null }] }, colour: 'red', reasons: { close_contact: '2026-12-15' }, greenFrom: '2026-12-15' },
  { name: 'close contact released early by officials: green', in: { lists: [{ list: 'close_contact', date: '2026-12-01', releasedOn: '2026-12-03' }] }, colour: 'green', reasons: { otherwise: null }, greenFrom: null },
  { name: 'secondary contact: yellow 7 days', in: { lists: [{ list: 'secondary_contact', date: '2026-12-01', releasedOn: null }] }, colour: 'yellow', reasons: { secondary_contact: '2026-12-08' }, greenFrom: '2026-12-08' },
  { name: 'secondary contact 7 days ago: green', in: { lists: [{ list: 'secondary_contact', date: '2026-11-27', releasedOn: null }] }, colour: 'green', reasons: { otherwise: null }, greenFrom: null },
  { name: 'positive test: red until a later negative', in: { tests: [{ result: 'positive', sampledAt: at('2026-12-02T01:00:00Z') }] }, colour: 'red', reasons: { positive_test: null }, greenFrom: null },
  { name: 'positive then negative: green', in: { tests: [{ result: 'positive', sampledAt: at('2026-12-01T01:00:00Z') }, { result: 'negative', sampledAt: at('2026-12-03T01:00:00Z') }] }, colour: 'green', reasons: { otherwise: null }, greenFrom: null },
  { name: 'negative before the positive does not clear it', in: { tests: [{ result: 'negative', sampledAt: at('2026-12-01T01:00:00Z') }, { result: 'positive', sampledAt: at('2026-12-03T01:00:00Z') }] }, colour: 'red', reasons: { positive_test: null }, greenFrom: null },
  { name: 'exposure 5 days ago: yellow 14 days', in: { exposures: [{ date: '2026-11-29' }] }, colour: 'yellow', reasons: { exposure: '2026-12-13' }, greenFrom: '2026-12-13' },
  { name: 'exposure 14 days ago: green', in: { exposures: [{ date: '2026-11-20' }] }, colour: 'green', reasons: { otherwise: null }, greenFrom: null },
  { name: 'travel through a high-risk area: yellow 14 days from the visit', in: { riskAreas: [HIGH_A], declarations: [travel('江汉区', '2026-11-28')] }, colour: 'yellow', reasons: { high_risk_travel: '2026-12-12' }, greenFrom: '2026-12-12' },
  { name: 'travel before the area became risky: green', in: { riskAreas: [HIGH_A], declarations: [travel('江汉区', '2026-11-19')] }, colour: 'green', reasons: { otherwise: null }, greenFrom: null },
  { name: 'travel through a district that is not at risk: green', in: { riskAreas: [HIGH_A], declarations: [travel('洪山区', '2026-12-01')] }, colour: 'green', reasons: { otherwise: null }, greenFrom: null },
  { name: 'medium-risk travel: yellow 7 days', in: { riskAreas: [MEDIUM_B], declarations: [travel('武昌区', '2026-12-02')] }, colour: 'yellow', reasons: { medium_risk_travel: '2026-12-09' }, greenFrom: '2026-12-09' },
  { name: 'medium-risk travel 7 days ago: green', in: { riskAreas: [MEDIUM_B], declarations: [travel('武昌区', '2026-11-27')] }, colour: 'green', reasons: { otherwise: null }, greenFrom: null },
  { name: 'symptoms declared: yellow, open-ended', in: { declarations: [symptoms(at('2026-12-03T01:00:00Z'))] }, colour: 'yellow', reasons: { symptoms: null }, greenFrom: null },
  { name: 'symptoms then a negative test sampled after: green', in: { declarations: [symptoms(at('2026-12-03T01:00:00Z'))], tests: [{ result: 'negative', sampledAt: at('2026-12-03T05:00:00Z') }] }, colour: 'green', reasons: { otherwise: null }, greenFrom: null },
  { name: 'symptoms after the negative test: still yellow', in: { declarations: [symptoms(at('2026-12-03T06:00:00Z'))], tests: [{ result: 'negative', sampledAt: at('2026-12-03T05:00:00Z') }] }, colour: 'yellow', reasons: { symptoms: null }, greenFrom: null },
  {
    name: 'close contact + exposure: red wins, greenFrom the later end',
    in: { lists: [{ list: 'close_contact', date: '2026-11-24', releasedOn: null }], exposures: [{ date: '2026-12-02' }] },
    colour: 'red',
    reasons: { close_contact: '2026-12-08', exposure: '2026-12-16' },
    greenFrom: '2026-12-16',
  },
  {
    name: 'secondary contact + symptoms: yellow, not foreseeable',
    in: { lists: [{ list: 'secondary_contact', date: '2026-12-01', releasedOn: null }], declarations: [symptoms(at('2026-12-02T01:00:00Z'))] },
    colour: 'yellow',
    reasons: { secondary_contact: '2026-12-08', symptoms: null },
    greenFrom: null,
  },
  {
    name: 'high + medium travel in one declaration',
    in: { riskAreas: [HIGH_A, MEDIUM_B], declarations: [{ declaredAt: at('2026-12-03T00:00:00Z'), symptoms: [], travel: [{ district: '江汉区', date: '2026-11-25' }, { district: '武昌区', date: '2026-12-03' }] }] },
    colour: 'yellow',
    reasons: { high_risk_travel: '2026-12-09', medium_risk_travel: '2026-12-10' },
    greenFrom: '2026-12-10',
  },
  {
    name: 'every input at once: red, open-ended',
    in: {
      lists: [{ list: 'confirmed', date: '2026-12-01', releasedOn: null }, { list: 'secondary_contact', date: '2026-12-01', releasedOn: null }],
      tests: [{ result: 'positive', sampledAt: at('2026-12-01T00:00:00Z') }],
      exposures: [{ date: '2026-12-01' }],
      riskAreas: [HIGH_A],
      declarations: [travel('江汉区', '2026-12-01', ['cough'], at('2026-12-02T00:00:00Z'))],
    },
    colour: 'red',
    reasons: { confirmed: null, positive_test: null, secondary_contact: '2026-12-08', exposure: '2026-12-15', high_risk_travel: '2026-12-15', symptoms: null },
    greenFrom: null,
  },
  { name: 'override green over a red close contact, while it lasts', in: { lists: [{ list: 'close_contact', date: '2026-12-01', releasedOn: null }], override: { colour: 'green', until: '2026-12-06' } }, colour: 'green', reasons: { appeal_override: '2026-12-07' }, greenFrom: null },
  { name: 'override ended yesterday: the rules apply again', in: { lists: [{ list: 'close_contact', date: '2026-12-01', releasedOn: null }], override: { colour: 'green', until: '2026-12-03' } }, colour: 'red', reasons: { close_contact: '2026-12-15' }, greenFrom: '2026-12-15' },
  { name: 'override yellow on a green person: green the day after it ends', in: { override: { colour: 'yellow', until: '2026-12-05' } }, colour: 'yellow', reasons: { appeal_override: '2026-12-06' }, greenFrom: '2026-12-06' },
  { name: 'override yellow over a longer red: green when both have ended', in: { lists: [{ list: 'close_contact', date: '2026-12-01', releasedOn: null }], override: { colour: 'yellow', until: '2026-12-05' } }, colour: 'yellow', reasons: { appeal_override: '2026-12-06' }, greenFrom: '2026-12-15' },
  { name: 'override yellow over an open-ended red: not foreseeable', in: { tests: [{ result: 'positive', sampledAt: at('2026-12-01T00:00:00Z') }], override: { colour: 'yellow', until: '2026-12-05' } }, colour: 'yellow', reasons: { appeal_override: '2026-12-06' }, greenFrom: null },
];

describe('evaluateHealth (config/health-rules.json)', () => {
  it.each(cases)('$name', (c) => {
    const result = evaluateHealth(inputs(c.in), TODAY, rules);
    expect(result.colour).toBe(c.colour);
    expect(Object.fromEntries(result.reasons.map((r) => [r.rule, r.until]))).toEqual(c.reasons);
    expect(result.greenFrom).toBe(c.greenFrom);
    for (const r of result.reasons) expect(r.text).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('lists reasons in the order of the rules file', () => {
    const result = evaluateHealth(inputs({ exposures: [{ date: '2026-12-01' }], lists: [{ list: 'close_contact', date: '2026-12-01', releasedOn: null }] }), TODAY, rules);
    expect(result.reasons.map((r) => r.rule)).toEqual(['close_contact', 'exposure']);
    expect(result.reasons[0]).toEqual({ rule: 'close_contact', text: '您是密切接触者', greenCondition: '最后一次接触满14天后转绿', until: '2026-12-15' });
  });

  it('is pure: the same inputs on a later day give the later answer, nothing remembered', () => {
    const input = inputs({ lists: [{ list: 'close_contact', date: '2026-11-24', releasedOn: null }] });
    expect(evaluateHealth(input, '2026-12-07', rules).colour).toBe('red');
    expect(evaluateHealth(input, '2026-12-08', rules).colour).toBe('green');
    expect(evaluateHealth(input, '2026-12-07', rules).colour).toBe('red');
  });

  it('reviewDateOf names the first day a reason ends', () => {
    const r = evaluateHealth(inputs({ exposures: [{ date: '2026-12-02' }], lists: [{ list: 'close_contact', date: '2026-11-24', releasedOn: null }] }), TODAY, rules);
    expect(reviewDateOf(r.reasons)).toBe('2026-12-08');
    expect(reviewDateOf(evaluateHealth(inputs(), TODAY, rules).reasons)).toBeNull();
  });
});
