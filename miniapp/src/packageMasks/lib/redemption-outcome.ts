import { isApiError } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import type { RedemptionResponse } from '../../api/mask-contract';
import { formatDay, formatInstant } from '../../utils/china-time';

export type RedemptionOutcome =
  | { kind: 'success'; holderName: string; quantity: number; personName: string; pharmacyName: string }
  | { kind: 'failure'; code: string | null; reason: string; hint: string | null };

export function successOf(res: RedemptionResponse): RedemptionOutcome {
  return {
    kind: 'success',
    holderName: res.holderName,
    quantity: res.quantity,
    personName: res.reservation.personName,
    pharmacyName: res.reservation.pharmacyName,
  };
}

function detail(error: unknown, key: string): unknown {
  const details = isApiError(error) ? error.rawDetails : undefined;
  return details && typeof details === 'object' ? (details as Record<string, unknown>)[key] : undefined;
}

const STATUS_HINTS: Record<string, string> = {
  cancelled: '该预约已被取消',
  expired: '该预约已过期',
  redeemed: '该预约已核销',
};

/** The failure screen: a short reason the pharmacist can read at a glance, and what to do next. */
export function failureOf(error: unknown): RedemptionOutcome {
  const code = isApiError(error) ? error.code : null;
  const fail = (reason: string, hint: string | null = null): RedemptionOutcome => ({ kind: 'failure', code, reason, hint });
  switch (code) {
    case 'INVALID_CODE':
      return fail('无效的取货码', '请让居民刷新「我的预约」后重新出示，或核对手动输入的取货码');
    case 'ALREADY_REDEEMED': {
      const at = detail(error, 'redeemedAt');
      return fail('已核销', typeof at === 'string' ? `该取货码已于${formatInstant(at)}核销，请勿重复发放` : '该取货码已核销，请勿重复发放');
    }
    case 'SHORT_CODE_NOT_FOUND':
      return fail('没有这个取货码', '今天在本店没有这个号码的预约。请核对号码，或请居民出示二维码、看看预约的药店和日期');
    case 'SHORT_CODE_LOCKED':
      return fail('输错次数太多', '请几分钟后再输入取货码；现在仍可扫码或按身份证号核销');
    case 'WRONG_PHARMACY':
      return fail('不是本药店的取货码', '请居民到预约的药店领取');
    case 'CODE_EXPIRED': {
      const status = detail(error, 'status');
      const day = detail(error, 'pickupDate');
      if (typeof status === 'string' && STATUS_HINTS[status]) return fail('取货码已过期', STATUS_HINTS[status]);
      return fail('取货码已过期', typeof day === 'string' ? `取货日期${formatDay(day)}已过` : null);
    }
    case 'RESERVATION_NOT_FOUND':
      return fail('未找到待取预约', '该身份证号在本药店没有待领取的预约');
    case 'CONFLICT': {
      const day = detail(error, 'pickupDate');
      return typeof day === 'string' ? fail('未到取货日期', `请于${formatDay(day)}起领取`) : fail(userMessage(error));
    }
    case 'FORBIDDEN':
      return fail('无核销权限', '您不是该药店的核销员');
    default:
      return fail(userMessage(error));
  }
}
