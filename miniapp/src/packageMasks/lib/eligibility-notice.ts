import type { EligibilityResponse } from '../../api/mask-contract';
import { formatDate, formatInstant } from '../../utils/china-time';

export type NoticeAction = 'identity' | 'nearby' | 'reservations' | null;

export interface EligibilityNotice {
  /** What the page says, in words a grandmother understands, with what to do next. */
  message: string;
  /** What the disabled 确认预约 button says instead. */
  buttonLabel: string;
  action: NoticeAction;
}

/**
 * Why booking here is not possible now, and what to do next, from the BFF's eligibility answer
 * (the booking's own checks). Null when the person may book. `who` is the family member's masked
 * name when booking for them; `hasFamily` points one who booked for themself to their family.
 */
export function eligibilityNotice(answer: EligibilityResponse, who: string | null = null, hasFamily = false): EligibilityNotice | null {
  if (answer.eligible || answer.reason === null) return null;
  switch (answer.reason) {
    case 'IDENTITY_REQUIRED':
      return { message: '预约口罩前需要先完成实名认证，认证后即可预约', buttonLabel: '请先实名认证', action: 'identity' };
    case 'ROUND_NOT_OPEN':
      return answer.opensAt
        ? { message: `本轮预约还没开始，开放时间 ${formatInstant(answer.opensAt)}，请到时再来`, buttonLabel: `${formatInstant(answer.opensAt)} 开放`, action: null }
        : { message: '现在没有可以预约的轮次，请留意下一轮的通知', buttonLabel: '暂未开放', action: null };
    case 'ROUND_CLOSED':
      return { message: '本轮预约已经结束，请留意下一轮的通知', buttonLabel: '本轮已结束', action: null };
    case 'SOLD_OUT':
      return {
        message: answer.nearby.length > 0 ? '这家药店本轮已约满，附近这些药店还有口罩，点一下即可去预约：' : '这家药店本轮已约满，附近药店也已约满，请留意下一轮',
        buttonLabel: '已约满',
        action: answer.nearby.length > 0 ? 'nearby' : null,
      };
    case 'ALREADY_RESERVED':
      return {
        message: hasFamily ? '您本轮已经预约过了，请按预约的日期到药店取货。要为家人预约，请在下方「为谁预约」里选择家人' : '您本轮已经预约过了，请按预约的日期到药店取货，不用再约',
        buttonLabel: '已有预约',
        action: 'reservations',
      };
    case 'FAMILY_ALREADY_RESERVED':
      return { message: `${who ?? '这位家人'}本轮已经有预约了，不用再约`, buttonLabel: '家人已有预约', action: 'reservations' };
    case 'REPEAT_PERIOD': {
      const day = answer.availableFrom ? formatDate(answer.availableFrom) : null;
      const subject = who ?? '您';
      return {
        message: day ? `${subject}刚领过口罩，请于 ${day} 再来预约` : `${subject}刚领过口罩，过几天再来预约`,
        buttonLabel: day ? `${day}后可约` : '暂不能预约',
        action: null,
      };
    }
    default:
      return null;
  }
}
