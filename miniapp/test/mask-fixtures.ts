import type {
  EligibilityResponse,
  LotteryApplication,
  MaskRound,
  MyReservation,
  PharmacyListItem,
  PharmacySummaryResponse,
  RedemptionResponse,
} from '../src/api/mask-contract';
import type { SessionUser } from '@govpass/shared-types';

export const MASK = {
  round: '/api/v1/masks/rounds/current',
  pharmacies: '/api/v1/masks/pharmacies',
  stock: '/api/v1/masks/stock',
  reservations: '/api/v1/masks/reservations',
  redeem: '/api/v1/pharmacy/redemptions',
  redeemById: '/api/v1/pharmacy/redemptions/by-id-number',
  summary: '/api/v1/pharmacy/summary',
  eligibility: '/api/v1/masks/eligibility',
} as const;

export function maskRound(overrides: Partial<MaskRound> = {}): MaskRound {
  return {
    id: 'round-3',
    name: '第3轮口罩预约',
    status: 'open',
    opensAt: '2024-03-01T01:00:00.000Z',
    closesAt: '2024-03-01T13:00:00.000Z',
    pickupDate: '2024-03-03',
    quantityPerPerson: 5,
    mode: 'first_come',
    repeatDays: 10,
    ...overrides,
  };
}

export function pharmacy(id: string, overrides: Partial<PharmacyListItem> = {}): PharmacyListItem {
  return {
    id,
    name: `${id}号药店`,
    address: '黄浦区南京东路1号',
    district: '黄浦区',
    lat: 31.23,
    lng: 121.47,
    phone: '021-12345678',
    openingHours: '08:00-20:00',
    quota: 100,
    remaining: 50,
    ...overrides,
  };
}

export const FAR_FUTURE_DAY = '2099-01-01';

export function myReservation(id: string, overrides: Partial<MyReservation> = {}): MyReservation {
  return {
    id,
    roundId: 'round-3',
    pharmacyId: 'ph-001',
    pharmacyName: '第一大药房',
    personId: 'person-1',
    personName: '张*',
    pickupDate: FAR_FUTURE_DAY,
    quantity: 5,
    status: 'reserved',
    createdAt: '2024-03-01T02:00:00.000Z',
    pickupCode: `GP1.code-of-${id}`,
    shortCode: '4831290755',
    ...overrides,
  };
}

export function application(id: string, overrides: Partial<LotteryApplication> = {}): LotteryApplication {
  return {
    id,
    roundId: 'round-4',
    pharmacyId: 'ph-001',
    pharmacyName: '第一大药房',
    personId: 'person-1',
    personName: '张*',
    status: 'pending',
    createdAt: '2024-03-05T02:00:00.000Z',
    ...overrides,
  };
}

export function redemption(overrides: Partial<RedemptionResponse> = {}): RedemptionResponse {
  const { pickupCode: _code, shortCode: _short, ...reservation } = myReservation('res-9', { status: 'redeemed', personName: '李*' });
  return { reservation, holderName: '张*', quantity: 5, ...overrides };
}

export function summary(overrides: Partial<PharmacySummaryResponse> = {}): PharmacySummaryResponse {
  return { pharmacyId: 'ph-001', pharmacyName: '第一大药房', date: '2024-03-03', reserved: 120, redeemed: 45, outstanding: 75, ...overrides };
}

export const verifiedCitizen: SessionUser = { id: 'acc-1', verified: true, roles: [{ role: 'citizen', scopeId: null }] };
export const pharmacist: SessionUser = {
  id: 'acc-7',
  verified: true,
  roles: [
    { role: 'citizen', scopeId: null },
    { role: 'pharmacist', scopeId: 'ph-001' },
  ],
};

/** An eligibility answer for ph-001 (eligible unless overridden). */
export function eligibilityAnswer(overrides: Partial<EligibilityResponse> = {}): EligibilityResponse {
  return {
    eligible: true,
    reason: null,
    pharmacy: { id: 'ph-001', name: '第一大药房', remaining: 199, quota: 200 },
    unitsPerBooking: 5,
    nearby: [],
    ...overrides,
  };
}
