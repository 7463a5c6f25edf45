import { useEffect, useRef, useState } from 'react';
import { hallGateway } from '../gateway';
import { startBoardFeed, type FeedMode } from '../lib/board-feed';
import { eventSourceFactory } from '../lib/event-source';
import type { Board, BoardCall } from '../lib/hall-view';
import { createSpeaker } from '../lib/speaker';
import { callSentence, SpeechQueue } from '../lib/speech-queue';

/** Calls on this board that were not announced yet, oldest first; the first board announces nothing (history). */
export function newCalls(board: Board, announced: Set<string>, first: boolean): BoardCall[] {
  const calls = [...board.calling, ...board.recent].filter((c) => !announced.has(c.id));
  for (const c of calls) announced.add(c.id);
  return first ? [] : calls.sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * 大屏: the board, live (stream, or polling while the stream is down), and each new call spoken
 * once when speech is on, never over the previous one.
 */
export function useBoard(hallId: string, speechOn: boolean) {
  const [board, setBoard] = useState<Board | null>(null);
  const [mode, setMode] = useState<FeedMode>('connecting');
  const [flash, setFlash] = useState<string | null>(null);
  const speech = useRef<SpeechQueue | null>(null);
  const speaking = useRef(speechOn);

  useEffect(() => {
    speaking.current = speechOn;
    if (speechOn && !speech.current) {
      const speaker = createSpeaker();
      if (speaker) speech.current = new SpeechQueue(speaker);
    }
    if (!speechOn) speech.current?.clear();
  }, [speechOn]);

  useEffect(() => {
    if (!hallId) return;
    const gateway = hallGateway();
    const announced = new Set<string>();
    let first = true;
    let flashTimer: ReturnType<typeof setTimeout> | null = null;
    const feed = startBoardFeed<Board>({
      openStream: eventSourceFactory(gateway.boardStreamUrl(hallId)),
      eventNames: gateway.boardEventNames,
      parse: (data) => gateway.parseBoardEvent(data),
      poll: () => gateway.board(hallId),
      onBoard: (b) => {
        setBoard(b);
        const fresh = newCalls(b, announced, first);
        first = false;
        if (fresh.length === 0) return;
        const newest = fresh[fresh.length - 1];
        setFlash(newest.id);
        if (flashTimer) clearTimeout(flashTimer);
        flashTimer = setTimeout(() => setFlash(null), 8000);
        if (speaking.current) for (const c of fresh) speech.current?.say(callSentence(c.ticket, c.windowLabel));
      },
      onMode: setMode,
    });
    return () => {
      feed.stop();
      if (flashTimer) clearTimeout(flashTimer);
    };
  }, [hallId]);

  useEffect(() => () => speech.current?.clear(), []);

  return { board, mode, flash, speechAvailable: createSpeaker() !== null };
}
