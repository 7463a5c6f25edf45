import { ScriptCode, scriptError } from '../../../infra/hot-store/script-codes';

/**
 * The mask scripts' codes are the "mask quotas" range (-100 … -199) of the one ScriptCode enum,
 * mapped to AppErrors in the one `scriptError`; these aliases keep the hot path's call sites short.
 * The scripts declare `local NAME = -1xx` at their top; a unit test checks those lines against it.
 */
export const MaskScriptCode = {
  SOLD_OUT: ScriptCode.SOLD_OUT,
  ALREADY_RESERVED: ScriptCode.ALREADY_RESERVED,
  REPEAT_PERIOD: ScriptCode.REPEAT_PERIOD,
  COUNTERS_MISSING: ScriptCode.COUNTERS_MISSING,
  IDEMPOTENCY_CONFLICT: ScriptCode.IDEMPOTENCY_CONFLICT,
  IN_PROGRESS: ScriptCode.IN_PROGRESS,
  UNAUTHENTICATED: ScriptCode.UNAUTHENTICATED,
  RATE_LIMITED: ScriptCode.RATE_LIMITED,
  HOLD_LAPSED: ScriptCode.HOLD_LAPSED,
  UNIT_FENCED: ScriptCode.UNIT_FENCED,
  ROUND_CLOSED: ScriptCode.ROUND_CLOSED,
} as const;
export type MaskScriptCode = (typeof MaskScriptCode)[keyof typeof MaskScriptCode];

const KNOWN = new Set<number>(Object.values(MaskScriptCode));

export function isMaskScriptCode(value: unknown): value is MaskScriptCode {
  return typeof value === 'number' && KNOWN.has(value);
}

export const maskScriptError = scriptError;
