import { MaskScriptCode } from './mask-script-codes';
import { personRefusal } from './person-refusal';

describe('personRefusal: the person rule of a first-come booking', () => {
  const now = 1_000_000;

  it('refuses a repeat period that has not ended before an outstanding hold, as the Lua scripts do', () => {
    expect(personRefusal({ repeatUntil: now + 1, activeReservationId: 'r1' }, now)).toEqual({ code: MaskScriptCode.REPEAT_PERIOD, until: now + 1 });
    expect(personRefusal({ repeatUntil: null, activeReservationId: 'r1' }, now)).toEqual({ code: MaskScriptCode.ALREADY_RESERVED });
  });

  it('lets a person book once the repeat period has ended and nothing is held', () => {
    expect(personRefusal({ repeatUntil: now, activeReservationId: null }, now)).toBeNull();
    expect(personRefusal({ repeatUntil: null, activeReservationId: null }, now)).toBeNull();
  });
});
