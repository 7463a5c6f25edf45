import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { formatInstant } from '../../utils/china-time';
import { classNames } from '../../utils/class-names';
import { flagAttribute } from '../../utils/flag-attribute';
import type { FollowUp } from '../lib/hall-manager-gateway';

/** One 差评 to follow up: what the citizen said, by when to answer (red once missed), and 标记已处理 with a note. */
export function FollowUpCard({ item, busy, onClose }: { item: FollowUp; busy: boolean; onClose: (note: string) => Promise<boolean> }) {
  const [note, setNote] = useState('');
  const open = item.status === 'open';
  return (
    <View id={`follow-up-${item.id}`} className={classNames('card', 'follow-up', item.overdue && 'follow-up--overdue')} data-overdue={item.overdue ? 'true' : 'false'}>
      <View className="follow-up-head">
        <Text className="follow-up-grade">
          {'★'.repeat(item.grade)}
          {'☆'.repeat(5 - item.grade)} {item.gradeLabel}
        </Text>
        {item.overdue ? (
          <Text className="status-pill status-pill--red">已逾期</Text>
        ) : open ? (
          <Text className="status-pill status-pill--orange">待回访</Text>
        ) : (
          <Text className="status-pill status-pill--green">已处理</Text>
        )}
      </View>
      <Text className="muted">
        {item.serviceName}
        {item.windowLabel ? ` · ${item.windowLabel}号窗口` : ''} · 评价于 {formatInstant(item.createdAt)}
      </Text>
      {item.tags.length > 0 ? <Text className="console-line">{item.tags.join('、')}</Text> : null}
      {item.comment ? <Text className="follow-up-comment">“{item.comment}”</Text> : null}
      <Text className={classNames('follow-up-due', item.overdue && open && 'follow-up-due--overdue')}>
        {open ? `请在 ${formatInstant(item.dueAt)} 前回访${item.overdue ? '（已超期）' : ''}` : `回访期限 ${formatInstant(item.dueAt)}`}
      </Text>
      {open ? (
        <View className="console-gap">
          <Textarea id={`follow-up-note-${item.id}`} className="hall-textarea" value={note} placeholder="写下回访结果，例如：已电话联系群众，说明原因并致歉" maxlength={500} onInput={(e) => setNote(e.detail.value)} />
          <Button
            id={`follow-up-close-${item.id}`}
            className="primary-button console-gap"
            disabled={flagAttribute(busy || note.trim().length === 0)}
            onClick={() => void onClose(note.trim()).then((ok) => ok && setNote(''))}
          >
            标记已处理
          </Button>
        </View>
      ) : (
        <Text className="console-line">
          处理情况：{item.note ?? ''}
          {item.closedAt ? `（${formatInstant(item.closedAt)}）` : ''}
        </Text>
      )}
    </View>
  );
}
