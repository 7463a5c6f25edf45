/**
 * The display board's spoken calls (叫号播报). Calls arrive in bursts (three windows calling at
 * once); each one is spoken in full, one after the other: the next utterance starts only when the
 * previous one has ended, so two calls never talk over each other.
 */

/** What speaks one text; `onDone` runs once when it has finished (or failed). */
export interface Speaker {
  speak(text: string, onDone: () => void): void;
  /** Stops whatever is being spoken now. */
  cancel(): void;
}

export interface SpeechQueueOptions {
  /** Silence between two calls, so listeners hear where one ends. */
  gapMs?: number;
  /** Calls waiting beyond this are dropped, oldest first: a stale call helps nobody. */
  maxPending?: number;
  /**
   * Some engines never report the end of an utterance (Chrome drops `onend` after ~15 s). After
   * this long per character (plus a base) the queue cancels the utterance and moves on.
   */
  guardMsPerChar?: number;
  guardBaseMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

const DEFAULTS = { gapMs: 600, maxPending: 6, guardMsPerChar: 600, guardBaseMs: 4000 };

export class SpeechQueue {
  private readonly pending: string[] = [];
  private speaking: string | null = null;
  private guard: unknown = null;
  private gap: unknown = null;
  private turn = 0;
  private readonly opts: Required<Omit<SpeechQueueOptions, 'setTimer' | 'clearTimer'>>;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(
    private readonly speaker: Speaker,
    options: SpeechQueueOptions = {},
  ) {
    this.opts = {
      gapMs: options.gapMs ?? DEFAULTS.gapMs,
      maxPending: options.maxPending ?? DEFAULTS.maxPending,
      guardMsPerChar: options.guardMsPerChar ?? DEFAULTS.guardMsPerChar,
      guardBaseMs: options.guardBaseMs ?? DEFAULTS.guardBaseMs,
    };
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  }

  /** Queues a call. The same text already waiting is not queued twice (a recall while it waits). */
  say(text: string): void {
    if (!text || this.pending.includes(text)) return;
    this.pending.push(text);
    while (this.pending.length > this.opts.maxPending) this.pending.shift();
    this.next();
  }

  /** What is being spoken now, or null. */
  current(): string | null {
    return this.speaking;
  }

  /** Calls still waiting their turn. */
  waiting(): readonly string[] {
    return [...this.pending];
  }

  /** Drops everything and stops speaking (board switched off or closed). */
  clear(): void {
    this.pending.length = 0;
    this.turn += 1;
    if (this.guard !== null) this.clearTimer(this.guard);
    if (this.gap !== null) this.clearTimer(this.gap);
    this.guard = null;
    this.gap = null;
    if (this.speaking !== null) this.speaker.cancel();
    this.speaking = null;
  }

  private next(): void {
    if (this.speaking !== null || this.gap !== null) return;
    const text = this.pending.shift();
    if (text === undefined) return;
    const turn = ++this.turn;
    this.speaking = text;
    const done = () => this.finish(turn, false);
    this.guard = this.setTimer(() => this.finish(turn, true), this.opts.guardBaseMs + text.length * this.opts.guardMsPerChar);
    try {
      this.speaker.speak(text, done);
    } catch {
      done();
    }
  }

  /** The utterance of `turn` ended (or its guard fired); later reports of the same turn are ignored. */
  private finish(turn: number, timedOut: boolean): void {
    if (turn !== this.turn || this.speaking === null) return;
    if (this.guard !== null) this.clearTimer(this.guard);
    this.guard = null;
    if (timedOut) this.speaker.cancel();
    this.speaking = null;
    this.turn += 1;
    this.gap = this.setTimer(() => {
      this.gap = null;
      this.next();
    }, this.opts.gapMs);
  }
}

/** 'A012' + window 3 → 请 A012 号到 3 号窗口办理 (the window's own name when it is not a number). */
export function callSentence(ticket: string, windowLabel: string): string {
  const place = /^\d+$/.test(windowLabel) ? `${windowLabel} 号窗口` : windowLabel;
  return `请 ${ticket} 号到 ${place}办理`;
}
