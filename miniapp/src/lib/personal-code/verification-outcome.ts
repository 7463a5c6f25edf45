import type { CodeColourName, CodeKindName } from '@govpass/shared-types/src/personal-code-format';

/** Why a code was refused offline: the BFF's error codes, plus MALFORMED for text that is no code at all. */
export type OfflineRefusal = 'MALFORMED' | 'UNKNOWN_KEY' | 'INVALID_CODE' | 'CODE_EXPIRED' | 'REVOKED';

export interface OfflineAccepted {
  valid: true;
  kind: CodeKindName;
  /** Signed into a live code; null on a printed card (it proves identity only: 仅身份). */
  colour: CodeColourName | null;
  /** Epoch milliseconds. */
  issuedAt: number;
  expiresAt: number;
  /** base64url of the 8-byte ref (person for live codes, card for printed ones). */
  ref: string;
}

export interface OfflineRefused {
  valid: false;
  reason: OfflineRefusal;
  /** What the staff member reads, in plain Chinese. */
  message: string;
}

export type OfflineOutcome = OfflineAccepted | OfflineRefused;

/** Plain Chinese for each refusal; the verify page shows it under 无效码. */
export const refusalMessages: Readonly<Record<OfflineRefusal, string>> = {
  MALFORMED: '这不是政务通的码，请让对方打开健康码后重新扫描',
  UNKNOWN_KEY: '无法识别此码的签发密钥，请联网更新后再核验',
  INVALID_CODE: '此码内容被改动或不是官方签发，无效',
  CODE_EXPIRED: '此码已过期，请让对方刷新健康码后重新出示',
  REVOKED: '此离线码已作废，请让对方出示新的码',
};

/** The BFF's error code for a refusal (it answers "not a code at all" as INVALID_CODE too). */
export function wireErrorCode(reason: OfflineRefusal): Exclude<OfflineRefusal, 'MALFORMED'> {
  return reason === 'MALFORMED' ? 'INVALID_CODE' : reason;
}

export function refused(reason: OfflineRefusal): OfflineRefused {
  return { valid: false, reason, message: refusalMessages[reason] };
}
