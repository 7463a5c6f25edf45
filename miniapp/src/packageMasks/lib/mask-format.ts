import type {
  LotteryApplication,
  MaskRound,
  MaskRoundStatus,
  PharmacyListItem,
  ReservationStatus,
} from '../../api/mask-contract';
import { chinaDateOf } from '../../utils/china-time';

export const reservationStatusLabels: Readonly<Record<ReservationStatus, string>> = {
  reserved: '待取',
  redeemed: '已核销',
  expired: '已过期',
  cancelled: '已取消',
};

export const applicationStatusLabels: Readonly<Record<LotteryApplication['status'], string>> = {
  pending: '待抽签',
  won: '已中签',
  lost: '未中签',
  ineligible: '未参加抽签',
  cancelled: '本轮已取消',
};

/**
 * What a drawn application means for the person, in plain words (the pill says the result;
 * this says why and what to do next). Null while pending and for a plain win.
 */
export function applicationOutcomeText(a: Pick<LotteryApplication, 'status' | 'ineligibleReason'>): string | null {
  switch (a.status) {
    case 'pending':
      return '截止后统一抽签，中签后取货码将显示在预约记录中';
    case 'ineligible':
      return a.ineligibleReason === 'HELD_RESERVATION'
        ? '抽签时您还有一份其他轮次的口罩预约没有领取，按规定这次没有参加抽签。领取或取消那份预约后，可以参加以后的预约。'
        : '这次没有参加抽签。';
    case 'lost':
      return '这次没有抽中，可以关注下一轮预约。';
    case 'cancelled':
      return '本轮预约已被取消，不再抽签，请关注下一轮。';
    default:
      return null;
  }
}

export const roundStatusLabels: Readonly<Record<MaskRoundStatus, string>> = {
  upcoming: '未开始',
  open: '预约中',
  closed: '已结束',
};

/** '850米', '1.2公里', '15公里'; null when the list was fetched without a position. */
export function formatDistance(metres: number | undefined): string | null {
  if (metres === undefined || !Number.isFinite(metres) || metres < 0) return null;
  if (metres < 1000) return `${Math.round(metres)}米`;
  if (metres < 10_000) return `${(Math.round(metres / 100) / 10).toFixed(1)}公里`;
  return `${Math.round(metres / 1000)}公里`;
}

/**
 * How a pharmacy's stock reads: not in this round (quota 0), sold out, nearly gone (约满: at most
 * 10% of its quota left) or available.
 */
export type StockLevel = 'notInRound' | 'soldOut' | 'low' | 'available';

export function stockLevel(p: Pick<PharmacyListItem, 'quota' | 'remaining'>): StockLevel {
  if (p.quota <= 0) return 'notInRound';
  if (p.remaining <= 0) return 'soldOut';
  if (p.remaining * 10 <= p.quota) return 'low';
  return 'available';
}

/** Whether 预约 can be tapped, and what the button says when it cannot. */
export function bookingAvailability(round: MaskRound | null, p: Pick<PharmacyListItem, 'quota' | 'remaining'>): { enabled: boolean; label: string } {
  const lottery = round?.mode === 'lottery';
  const level = stockLevel(p);
  if (level === 'notInRound') return { enabled: false, label: '暂无名额' };
  if (!round || round.status === 'closed') return { enabled: false, label: '已结束' };
  if (round.status === 'upcoming') return { enabled: false, label: '未开始' };
  // Lottery rounds take applications whatever the count: the quota is the number of winners.
  if (!lottery && level === 'soldOut') return { enabled: false, label: '已约满' };
  return { enabled: true, label: lottery ? '申请' : '预约' };
}

/** Cancelling is allowed while the reservation is to be collected and before its pickup day. */
export function canCancel(r: { status: ReservationStatus; pickupDate: string }, now: number = Date.now()): boolean {
  return r.status === 'reserved' && chinaDateOf(now) < r.pickupDate;
}
