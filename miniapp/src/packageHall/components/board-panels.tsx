import { Text, View } from '@tarojs/components';
import type { Board } from '../lib/hall-view';
import { clockTime, windowText } from '../lib/hall-format';

/** 大屏: the newest calls (ticket → window) big on the left. */
export function NowCalling({ board }: { board: Board }) {
  return (
    <View id="board-calling" className="board-calling">
      <View className="board-calling-head">
        <Text className="board-col">请以下号码</Text>
        <Text className="board-col">到窗口办理</Text>
      </View>
      {board.calling.length === 0 ? (
        <Text className="board-empty">暂无叫号</Text>
      ) : (
        board.calling.slice(0, 4).map((c, i) => (
          <View key={`${c.ticket}-${c.at}`} id={`board-call-${c.ticket}`} className={i === 0 ? 'board-call board-call--newest' : 'board-call'}>
            <Text className="board-ticket">{c.ticket}</Text>
            <Text className="board-arrow">→</Text>
            <Text className="board-window">{windowText(c.windowLabel)}</Text>
          </View>
        ))
      )}
    </View>
  );
}

/** Earlier calls and the waiting count per service, on the right. */
export function BoardSide({ board }: { board: Board }) {
  return (
    <View className="board-side">
      <View id="board-recent" className="board-box">
        <Text className="board-box-title">已叫号</Text>
        {board.recent.length === 0 ? <Text className="board-small-muted">—</Text> : null}
        {board.recent.slice(0, 6).map((c) => (
          <View key={`${c.ticket}-${c.at}`} className="board-recent-row">
            <Text className="board-recent-ticket">{c.ticket}</Text>
            <Text className="board-recent-window">{windowText(c.windowLabel)}</Text>
            <Text className="board-recent-time">{clockTime(c.at)}</Text>
          </View>
        ))}
      </View>
      <View id="board-waiting" className="board-box">
        <Text className="board-box-title">等候人数</Text>
        {board.waiting.map((w) => (
          <View key={w.prefix} id={`board-waiting-${w.prefix}`} className="board-waiting-row">
            <Text className="board-waiting-name">
              {w.prefix} {w.serviceName}
            </Text>
            <Text className="board-waiting-count">{w.count} 人</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
