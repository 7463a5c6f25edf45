import type { PersonState } from './mask-hot-path';
import { MaskScriptCode } from './mask-script-codes';

export type PersonRefusal = { code: typeof MaskScriptCode.REPEAT_PERIOD; until: number } | { code: typeof MaskScriptCode.ALREADY_RESERVED };

/**
 * The person's part of a first-come booking decision, in the order every hot path takes it
 * (book-single.lua, hold-person.lua, check-person.lua, MemoryMaskHotPath): a repeat period that
 * has not ended, then an outstanding hold. The Lua scripts state the same two lines in Lua (they
 * must decide atomically inside Redis); MemoryMaskHotPath and the read-only eligibility answer
 * call this, so the page says no for exactly the reasons the booking would.
 */
export function personRefusal(state: Pick<PersonState, 'activeReservationId' | 'repeatUntil'>, now: number): PersonRefusal | null {
  if (state.repeatUntil !== null && state.repeatUntil > now) return { code: MaskScriptCode.REPEAT_PERIOD, until: state.repeatUntil };
  if (state.activeReservationId !== null) return { code: MaskScriptCode.ALREADY_RESERVED };
  return null;
}
