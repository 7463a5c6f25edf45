import { act, render, waitFor } from '@testing-library/react';
import { setHallGateway } from '../src/packageHall/gateway';
import { newCalls } from '../src/packageHall/hooks/use-board';
import BoardPage from '../src/packageHall/pages/board/index';
import { setRouterParams } from '../test-doubles/taro';
import { board, fakeGateway } from './hall-fixtures';

const spoken: string[] = [];
class FakeUtterance {
  lang = '';
  rate = 1;
  voice: unknown = null;
  onend: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly text: string) {}
}

describe('大屏叫号 (display board page)', () => {
  beforeEach(() => {
    spoken.length = 0;
    Object.assign(window, {
      SpeechSynthesisUtterance: FakeUtterance,
      speechSynthesis: { getVoices: () => [], speak: (u: FakeUtterance) => spoken.push(u.text), cancel: () => undefined },
    });
    Object.assign(globalThis, { SpeechSynthesisUtterance: FakeUtterance });
  });

  it('shows calls, earlier calls and waiting counts; with speech on, says each new call once', async () => {
    jest.useFakeTimers();
    try {
      const g = fakeGateway();
      let current = board();
      g.board.mockImplementation(async () => current);
      setHallGateway(g);
      setRouterParams({ hallId: 'hall-1', voice: '1' });
      render(<BoardPage />);
      await act(async () => {
        await Promise.resolve();
      });
      await waitFor(() => expect(document.getElementById('board-call-A011')).not.toBeNull());
      expect(document.getElementById('board-recent')?.textContent).toContain('A010');
      expect(document.getElementById('board-waiting-A')?.textContent).toBe('A 户籍办理6 人');
      expect(spoken).toEqual([]); // what was on the board when it opened is history

      current = board({ calling: [{ id: 'c-2', ticket: 'A012', windowLabel: '3', at: '2030-01-07T01:05:00.000Z' }, ...board().calling] });
      await act(async () => {
        jest.advanceTimersByTime(5000); // jsdom has no EventSource: the board polls
        await Promise.resolve();
      });
      await waitFor(() => expect(document.getElementById('board-call-A012')).not.toBeNull());
      expect(spoken).toEqual(['请 A012 号到 3 号窗口办理']);
      expect(document.getElementById('page-hall-board')?.classList.contains('board--flash')).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('announces only calls it has not announced, oldest first', () => {
    const seen = new Set<string>();
    expect(newCalls(board(), seen, true)).toEqual([]);
    const next = board({
      calling: [
        { id: 'c-3', ticket: 'B001', windowLabel: '2', at: '2030-01-07T01:06:00.000Z' },
        { id: 'c-2', ticket: 'A012', windowLabel: '3', at: '2030-01-07T01:05:00.000Z' },
      ],
    });
    expect(newCalls(next, seen, false).map((c) => c.ticket)).toEqual(['A012', 'B001']);
    expect(newCalls(next, seen, false)).toEqual([]);
  });
});
