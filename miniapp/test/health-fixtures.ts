import type { Appeal, HealthCodeResponse, HealthJob } from '@govpass/shared-types';
import type { SessionUser } from '@govpass/shared-types';

export const HEALTH = {
  code: '/api/v1/health/code',
  declarations: '/api/v1/health/declarations',
  appeals: '/api/v1/health/appeals',
  appealQueue: '/api/v1/admin/health/appeals',
  lists: '/api/v1/admin/health/lists',
  tests: '/api/v1/admin/health/test-results',
  riskAreas: '/api/v1/health/risk-areas',
  setRiskAreas: '/api/v1/admin/health/risk-areas',
  job: (id: string) => `/api/v1/admin/health/jobs/${id}`,
  keys: '/api/v1/codes/keys',
  revocations: '/api/v1/codes/revocations',
  verify: '/api/v1/codes/verify',
  lookup: '/api/v1/codes/lookup-by-id-number',
  printed: '/api/v1/codes/printed',
  family: '/api/v1/family',
} as const;

export const verifier: SessionUser = {
  id: 'acc-9',
  verified: true,
  roles: [
    { role: 'citizen', scopeId: null },
    { role: 'verifier', scopeId: null },
  ],
};

export const official: SessionUser = {
  id: 'acc-8',
  verified: true,
  roles: [{ role: 'health_official', scopeId: null }],
};

export function healthCode(over: Partial<HealthCodeResponse> = {}): HealthCodeResponse {
  return {
    code: 'GPC1.test-code-1',
    colour: 'yellow',
    issuedAt: '2026-12-04T08:00:00.000Z',
    expiresAt: '2026-12-04T08:01:00.000Z',
    reasons: [
      { rule: 'risk_area_travel', text: '14天内到过中风险地区', greenCondition: '核酸检测阴性后转绿', until: '2026-12-10' },
    ],
    greenFrom: '2026-12-10',
    person: { personId: 'p-self', maskedName: '李*' },
    ...over,
  };
}

export function appeal(over: Partial<Appeal> = {}): Appeal {
  return {
    id: 'ap-1',
    personId: 'p-self',
    maskedName: '李*',
    colourAtFiling: 'yellow',
    reason: '我没有去过该地区，请核实',
    status: 'open',
    createdAt: '2026-12-03T02:00:00.000Z',
    decidedAt: null,
    decisionNote: null,
    overrideColour: null,
    overrideUntil: null,
    overdue: false,
    ...over,
  };
}

export function job(over: Partial<HealthJob> = {}): HealthJob {
  return { id: 'job-1', kind: 'risk_areas', status: 'running', total: 200, done: 50, changed: 3, startedAt: '2026-12-04T08:00:00.000Z', finishedAt: null, ...over };
}
