import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { routeParam } from '../../../constants/pages';
import { classNames } from '../../../utils/class-names';
import { BoardSide, NowCalling } from '../../components/board-panels';
import { useBoard } from '../../hooks/use-board';
import { useClock } from '../../hooks/use-clock';
import { clockTime } from '../../lib/hall-format';
import './index.scss';

const MODE_TEXT = { connecting: '连接中', live: '实时更新', polling: '自动刷新' } as const;

/**
 * 大屏叫号, for the hall's screen (landscape, read from across the room): the calls now, earlier
 * calls, people waiting per service; spoken calls once switched on (browsers only speak after a tap).
 */
export default function BoardPage() {
  const { params } = useRouter();
  const hallId = routeParam(params, 'hallId');
  const [speechOn, setSpeechOn] = useState(routeParam(params, 'voice') === '1');
  const b = useBoard(hallId, speechOn);
  const now = useClock(10_000);

  return (
    <View id="page-hall-board" className={classNames('board', b.flash && 'board--flash')} data-mode={b.mode}>
      <View className="board-top">
        <Text id="board-hall" className="board-hall">
          {b.board?.hallName ?? '办事大厅'} · 叫号屏
        </Text>
        <View className="board-top-right">
          {b.speechAvailable ? (
            <Text id="board-voice" className={classNames('board-voice', speechOn && 'board-voice--on')} onClick={() => setSpeechOn((v) => !v)}>
              {speechOn ? '语音播报：开' : '点此开启语音播报'}
            </Text>
          ) : null}
          <Text id="board-mode" className={`board-mode board-mode--${b.mode}`}>
            {MODE_TEXT[b.mode]}
          </Text>
          <Text className="board-clock">{clockTime(new Date(now).toISOString())}</Text>
        </View>
      </View>
      {b.board ? (
        <View className="board-body">
          <NowCalling board={b.board} />
          <BoardSide board={b.board} />
        </View>
      ) : (
        <Text className="board-empty">{hallId ? '正在连接…' : '请在地址中指定大厅（hallId）'}</Text>
      )}
    </View>
  );
}
