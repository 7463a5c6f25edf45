import { callSentence, SpeechQueue, type Speaker } from '../src/packageHall/lib/speech-queue';

/** A speaker that records what it was asked and when each utterance started and ended. */
function recordingSpeaker() {
  const log: string[] = [];
  let finish: (() => void) | null = null;
  let active = 0;
  let maxActive = 0;
  const speaker: Speaker = {
    speak(text, onDone) {
      active += 1;
      maxActive = Math.max(maxActive, active);
      log.push(`start ${text}`);
      finish = () => {
        active -= 1;
        log.push(`end ${text}`);
        onDone();
      };
    },
    cancel: jest.fn(() => {
      if (finish) {
        active -= 1;
        log.push('cancel');
        finish = null;
      }
    }),
  };
  return {
    speaker,
    log,
    maxActive: () => maxActive,
    /** The engine reports the end of the current utterance. */
    end: () => {
      const f = finish;
      finish = null;
      f?.();
    },
  };
}

describe('spoken calls (SpeechQueue)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('speaks a burst of calls one after the other, never two at once, with a pause between', () => {
    const s = recordingSpeaker();
    const q = new SpeechQueue(s.speaker, { gapMs: 500 });
    q.say(callSentence('A012', '3'));
    q.say(callSentence('B004', '1'));
    q.say(callSentence('A013', '2'));

    expect(s.log).toEqual(['start 请 A012 号到 3 号窗口办理']);
    expect(q.waiting()).toHaveLength(2);

    s.end();
    jest.advanceTimersByTime(499);
    expect(s.log).toHaveLength(2); // the pause: B004 has not started yet
    jest.advanceTimersByTime(1);
    expect(s.log.at(-1)).toBe('start 请 B004 号到 1 号窗口办理');
    s.end();
    jest.advanceTimersByTime(500);
    s.end();
    jest.advanceTimersByTime(500);

    expect(s.log).toEqual([
      'start 请 A012 号到 3 号窗口办理',
      'end 请 A012 号到 3 号窗口办理',
      'start 请 B004 号到 1 号窗口办理',
      'end 请 B004 号到 1 号窗口办理',
      'start 请 A013 号到 2 号窗口办理',
      'end 请 A013 号到 2 号窗口办理',
    ]);
    expect(s.maxActive()).toBe(1);
    expect(q.current()).toBeNull();
  });

  it('does not queue the same call twice while it waits, but says it again once it has been said (a recall)', () => {
    const s = recordingSpeaker();
    const q = new SpeechQueue(s.speaker, { gapMs: 0 });
    q.say('请 A001 号到 1 号窗口办理');
    q.say('请 A002 号到 2 号窗口办理');
    q.say('请 A002 号到 2 号窗口办理');
    expect(q.waiting()).toEqual(['请 A002 号到 2 号窗口办理']);

    s.end();
    jest.advanceTimersByTime(0);
    s.end();
    jest.advanceTimersByTime(0);
    q.say('请 A002 号到 2 号窗口办理');
    expect(s.log.filter((l) => l.startsWith('start'))).toEqual(['start 请 A001 号到 1 号窗口办理', 'start 请 A002 号到 2 号窗口办理', 'start 请 A002 号到 2 号窗口办理']);
  });

  it('moves on when the engine never reports the end (cancelling first, so nothing overlaps)', () => {
    const s = recordingSpeaker();
    const q = new SpeechQueue(s.speaker, { gapMs: 100, guardBaseMs: 1000, guardMsPerChar: 0 });
    q.say('first');
    q.say('second');

    jest.advanceTimersByTime(1000);
    expect(s.speaker.cancel).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(100);
    expect(s.log).toEqual(['start first', 'cancel', 'start second']);
    expect(s.maxActive()).toBe(1);
  });

  it('ignores a late end report of an utterance it already gave up on', () => {
    let lateDone: (() => void) | null = null;
    const started: string[] = [];
    const speaker: Speaker = {
      speak: (text, onDone) => {
        started.push(text);
        if (text === 'first') lateDone = onDone;
      },
      cancel: () => undefined,
    };
    const q = new SpeechQueue(speaker, { gapMs: 100, guardBaseMs: 1000, guardMsPerChar: 0 });
    q.say('first');
    q.say('second');
    q.say('third');
    jest.advanceTimersByTime(1100); // guard gives up on first, second starts
    expect(started).toEqual(['first', 'second']);
    lateDone!(); // the engine finally reports first's end: must not end "second" early
    jest.advanceTimersByTime(200);
    expect(started).toEqual(['first', 'second']);
    expect(q.current()).toBe('second');
  });

  it('keeps only the newest calls when too many wait, and clear() stops everything', () => {
    const s = recordingSpeaker();
    const q = new SpeechQueue(s.speaker, { maxPending: 2 });
    for (const t of ['a', 'b', 'c', 'd']) q.say(t);
    expect(q.current()).toBe('a');
    expect(q.waiting()).toEqual(['c', 'd']);

    q.clear();
    expect(s.speaker.cancel).toHaveBeenCalled();
    expect(q.current()).toBeNull();
    expect(q.waiting()).toEqual([]);
    jest.advanceTimersByTime(60_000);
    expect(s.log.filter((l) => l.startsWith('start'))).toEqual(['start a']);
  });

  it('goes on with the next call when the speaker throws', () => {
    const spoken: string[] = [];
    const speaker: Speaker = {
      speak: (text, onDone) => {
        if (text === 'bad') throw new Error('engine busy');
        spoken.push(text);
        onDone();
      },
      cancel: () => undefined,
    };
    const q = new SpeechQueue(speaker, { gapMs: 10 });
    q.say('bad');
    q.say('good');
    jest.advanceTimersByTime(10);
    expect(spoken).toEqual(['good']);
  });

  it('words a call with the window number, or with a named window as it is', () => {
    expect(callSentence('A012', '3')).toBe('请 A012 号到 3 号窗口办理');
    expect(callSentence('B001', '综合窗口')).toBe('请 B001 号到 综合窗口办理');
  });
});
