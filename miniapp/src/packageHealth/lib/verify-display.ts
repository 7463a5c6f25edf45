import type { HealthColour, LookupByIdNumberResponse, VerifyCodeResponse } from '../../api/code-contract';
import { refusalMessages, type OfflineOutcome, type OfflineRefusal } from '../../lib/personal-code';
import { formatInstant } from '../../utils/china-time';
import { colourAdvice, colourLabels } from './health-labels';

/** What the server said about a scanned code, if anything yet. */
export type OnlineAnswer =
  | { status: 'pending' }
  /** No network (or the BFF is unreachable): the offline result stands. */
  | { status: 'unreachable' }
  | { status: 'accepted'; response: VerifyCodeResponse }
  | { status: 'refused'; code: string; message: string };

export type Verification =
  | { source: 'code'; offline: OfflineOutcome; online: OnlineAnswer }
  | { source: 'idNumber'; response: LookupByIdNumberResponse };

export type Tone = HealthColour | 'invalid' | 'identity';

export interface VerifyDisplay {
  tone: Tone;
  title: string;
  maskedName: string | null;
  lines: string[];
  /** 无网络，离线核验: the result comes from the signature alone. */
  offlineBadge: boolean;
}

const SERVER_REFUSALS: readonly string[] = ['INVALID_CODE', 'CODE_EXPIRED', 'UNKNOWN_KEY', 'REVOKED'];

/** Chinese for a refusal the BFF answered (422 with one of the code errors). */
export function serverRefusalMessage(code: string, fallback: string): string {
  return SERVER_REFUSALS.includes(code) ? refusalMessages[code as OfflineRefusal] : fallback;
}

function colourDisplay(colour: HealthColour, maskedName: string | null, lines: string[], offlineBadge: boolean): VerifyDisplay {
  return { tone: colour, title: colourLabels[colour], maskedName, lines: [colourAdvice[colour], ...lines], offlineBadge };
}

/**
 * The huge result at the door. The server's answer wins when there is one (it knows the colour
 * now and revocations the phone has not fetched); without it the signed code speaks for itself.
 */
export function verifyDisplay(v: Verification): VerifyDisplay {
  if (v.source === 'idNumber') {
    const r = v.response;
    const until = r.greenFrom ? [`预计转绿：${r.greenFrom}`] : [];
    return colourDisplay(r.colour, r.person.maskedName, [...r.reasons.map((x) => x.text), ...until], false);
  }
  const { offline, online } = v;
  if (online.status === 'accepted') {
    const r = online.response;
    const lines = r.kind === 'printed' ? ['离线码（打印卡）', `身份证号：${r.person.maskedIdNumber}`] : [`亮码时间：${formatInstant(r.issuedAt)}`];
    return colourDisplay(r.colour, r.person.maskedName, [...lines, ...r.reasons.map((x) => x.text)], false);
  }
  if (online.status === 'refused') {
    return { tone: 'invalid', title: '无效码', maskedName: null, lines: [online.message], offlineBadge: false };
  }
  const offlineBadge = online.status === 'unreachable';
  if (!offline.valid) return { tone: 'invalid', title: '无效码', maskedName: null, lines: [offline.message], offlineBadge };
  if (offline.kind === 'printed' || offline.colour === null) {
    return {
      tone: 'identity',
      title: '仅身份',
      maskedName: null,
      lines: ['离线码只证明身份，不含健康状态', '联网后可查询当前颜色'],
      offlineBadge,
    };
  }
  return colourDisplay(offline.colour, null, [`亮码时间：${formatInstant(new Date(offline.issuedAt).toISOString())}`], offlineBadge);
}
