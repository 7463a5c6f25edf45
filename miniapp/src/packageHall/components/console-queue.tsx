import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { flagAttribute } from '../../utils/flag-attribute';
import { classNames } from '../../utils/class-names';
import type { PriorityReason, Ticket } from '../lib/hall-view';
import { ChipChoice } from './chip-choice';

export const PRIORITY_LABELS: Record<PriorityReason, string> = { elderly: '70岁以上老人', disabled: '残疾人', pregnant: '孕妇' };
const PRIORITY_ORDER: PriorityReason[] = ['elderly', 'disabled', 'pregnant'];
/** Why a number is called out of order: the audit keeps the words. */
export const CHOSEN_REASONS = ['材料已预审', '老弱病残孕', '群众有急事', '转窗口后补叫'] as const;

interface ConsoleQueueProps {
  queue: Ticket[];
  /** The window may call now (open, nobody at the desk). */
  canCall: boolean;
  busy: boolean;
  onCall: (ticketId: string, reason: string) => Promise<unknown>;
  onPriority: (ticketId: string, reasons: PriorityReason[]) => Promise<unknown>;
}

/** 排队中: the waiting tickets in call order; tap one to call it out of order or to mark it a priority. */
export function ConsoleQueue({ queue, canCall, busy, onCall, onPriority }: ConsoleQueueProps) {
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [mode, setMode] = useState<'menu' | 'call' | 'priority'>('menu');
  const [reason, setReason] = useState<string | null>(null);
  const [reasons, setReasons] = useState<PriorityReason[]>([]);
  const chosen = queue.find((t) => t.id === chosenId) ?? null;

  const choose = (t: Ticket) => {
    setChosenId(t.id === chosenId ? null : t.id);
    setMode('menu');
    setReason(null);
    setReasons(t.priorityReasons ?? []);
  };
  const close = () => {
    setChosenId(null);
    setMode('menu');
  };
  const toggle = (r: PriorityReason) => setReasons((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]));

  return (
    <View id="console-queue" className="card">
      <Text className="card-title">排队中（按叫号顺序）</Text>
      <Text className="muted">点一个号，可以单独叫这个号，或设为优先</Text>
      {queue.length === 0 ? <Text className="muted console-queue-empty">现在没有人排队</Text> : null}
      {queue.slice(0, 20).map((t) => (
        <View key={t.id}>
          <View id={`console-queue-${t.number}`} className={classNames('console-queue-row', t.id === chosenId && 'console-queue-row--chosen')} onClick={() => choose(t)}>
            <Text className="console-queue-number">{t.number}</Text>
            <View className="console-queue-text">
              <Text>
                {t.serviceName}
                {t.personName ? ` · ${t.personName}` : ''}
              </Text>
              <Text className="muted">
                {[t.fromAppointment && '预约', ...(t.priorityReasons ?? []).map((r) => PRIORITY_LABELS[r]), t.waitedMin !== null && `已等${t.waitedMin}分钟`].filter(Boolean).join(' · ')}
              </Text>
            </View>
            {t.priority ? <Text className="status-pill status-pill--orange">优先</Text> : null}
          </View>
          {chosen && chosen.id === t.id ? (
            <View id="console-chosen" className="console-chosen">
              {mode === 'menu' ? (
                <View className="console-row">
                  <Button id="console-chosen-call" className="primary-button console-half" disabled={flagAttribute(busy || !canCall)} onClick={() => setMode('call')}>
                    叫这个号
                  </Button>
                  <Button id="console-chosen-priority" className="secondary-button console-half" disabled={flagAttribute(busy)} onClick={() => setMode('priority')}>
                    设为优先
                  </Button>
                </View>
              ) : null}
              {mode === 'menu' && !canCall ? <Text className="muted">当前号办完（或开启窗口）后才能叫号</Text> : null}
              {mode === 'call' ? (
                <View>
                  <Text className="card-subtitle">确认不按顺序，先叫 {t.number} 号？请选原因：</Text>
                  <ChipChoice id="console-chosen-reason" options={CHOSEN_REASONS.map((r) => ({ value: r, label: r }))} selected={reason ? [reason] : []} onToggle={setReason} />
                  <View className="console-row console-gap">
                    <Button
                      id="console-chosen-confirm"
                      className="primary-button console-half"
                      disabled={flagAttribute(busy || !reason)}
                      onClick={() => {
                        if (reason) void onCall(t.id, reason).then(close);
                      }}
                    >
                      确认叫号
                    </Button>
                    <Button id="console-chosen-cancel" className="secondary-button console-half" onClick={() => setMode('menu')}>
                      取消
                    </Button>
                  </View>
                </View>
              ) : null}
              {mode === 'priority' ? (
                <View>
                  <Text className="card-subtitle">{t.number} 号属于（可多选）：</Text>
                  <ChipChoice id="console-priority-reasons" options={PRIORITY_ORDER.map((r) => ({ value: r, label: PRIORITY_LABELS[r] }))} selected={reasons} onToggle={toggle} />
                  <View className="console-row console-gap">
                    <Button id="console-priority-save" className="primary-button console-half" disabled={flagAttribute(busy)} onClick={() => void onPriority(t.id, reasons).then(close)}>
                      {reasons.length > 0 ? '保存为优先' : '取消优先'}
                    </Button>
                    <Button id="console-priority-cancel" className="secondary-button console-half" onClick={() => setMode('menu')}>
                      返回
                    </Button>
                  </View>
                </View>
              ) : null}
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}
