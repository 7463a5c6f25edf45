import type { SessionUser } from '@govpass/shared-types';
import type { CheckinPerson, CheckinResponse, TraceResponse, Venue, VenueCountsResponse } from '../src/api/venue-contract';

export const VENUES = {
  list: '/api/v1/venues',
  checkins: '/api/v1/venues/checkins',
  poster: (id: string) => `/api/v1/venues/${id}/poster`,
  counts: (id: string) => `/api/v1/venues/${id}/counts`,
  traces: '/api/v1/health/traces',
  trace: (id: string) => `/api/v1/health/traces/${id}`,
  traceCsv: (id: string) => `/api/v1/health/traces/${id}/csv`,
  family: '/api/v1/family',
} as const;

/** A code of the poster format's shape (GPV1.<payload>.<86-character signature>); the BFF checks the signature. */
export const VENUE_CODE = `GPV1.AQAAAABnUmVkLXYtMDAx.${'s'.repeat(86)}`;
export const SCAN_URL = `https://govpass.example.cn/s/venue/${VENUE_CODE}`;

export const manager: SessionUser = { id: 'acc-m', verified: true, roles: [{ role: 'venue_manager', scopeId: 'v-001' }] };
export const official: SessionUser = { id: 'acc-o', verified: true, roles: [{ role: 'health_official', scopeId: '340100' }] };

export function venue(id: string, over: Partial<Venue> = {}): Venue {
  return { id, name: '幸福里菜市场', address: '长江路88号', district: '庐阳区', type: 'market', lat: 31.86, lng: 117.28, createdAt: '2026-12-01T00:00:00.000Z', ...over };
}

export function checkinPerson(personId: string, over: Partial<CheckinPerson> = {}): CheckinPerson {
  return { checkinId: `ck-${personId}`, personId, maskedName: '王*', colour: 'green', reasons: [], checkedInAt: '2026-12-05T01:30:00.000Z', duplicate: false, advice: null, ...over };
}

export function checkinAnswer(items: CheckinPerson[], serverTime = '2026-12-05T01:30:00.000Z'): CheckinResponse {
  return { venue: { id: 'v-001', name: '幸福里菜市场', address: '长江路88号' }, serverTime, items };
}

export function counts(over: Partial<VenueCountsResponse> = {}): VenueCountsResponse {
  return {
    venueId: 'v-001',
    date: '2026-12-05',
    today: 42,
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, count: hour === 9 ? 20 : hour === 10 ? 12 : hour === 15 ? 10 : 0 })),
    now: 7,
    nowWindowMinutes: 30,
    ...over,
  };
}

export function traceAnswer(over: Partial<TraceResponse> = {}): TraceResponse {
  return {
    rerun: false,
    newlyExposed: 2,
    trace: {
      id: 'tr-1',
      caseMaskedName: '赵*',
      caseMaskedIdNumber: '3401**********1234',
      from: '2026-12-01T00:00:00+08:00',
      until: '2026-12-05T09:30:00.000Z',
      note: null,
      createdAt: '2026-12-05T02:00:00.000Z',
      ranAt: '2026-12-05T02:00:00.000Z',
      venues: [
        {
          venueId: 'v-001',
          venueName: '幸福里菜市场',
          district: '庐阳区',
          caseCheckedInAt: '2026-12-04T02:00:00.000Z',
          windowFrom: '2026-12-04T01:30:00.000Z',
          windowUntil: '2026-12-04T04:00:00.000Z',
          exposedCount: 2,
        },
      ],
      exposed: [
        { personId: 'p-1', maskedName: '王*', venueId: 'v-001', venueName: '幸福里菜市场', checkedInAt: '2026-12-04T02:10:00.000Z' },
        { personId: 'p-2', maskedName: '李**', venueId: 'v-001', venueName: '幸福里菜市场', checkedInAt: '2026-12-04T03:00:00.000Z' },
      ],
      exposedCount: 2,
    },
    ...over,
  };
}
