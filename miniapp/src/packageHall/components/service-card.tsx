import { Button, Text, View } from '@tarojs/components';
import type { HallService } from '../lib/hall-view';
import { minutesText } from '../lib/hall-format';
import { MaterialsChecklist } from './materials-checklist';

interface ServiceCardProps {
  service: HallService;
  /** Whether 远程取号 is offered (hall allows it and is open). */
  canTakeRemote: boolean;
  expanded: boolean;
  onToggle: () => void;
  onBook: () => void;
  onTake: () => void;
}

const APPOINTMENT_NOTES = { required: '须提前预约', allowed: '可预约，也可现场取号', off: '无需预约，现场取号' } as const;

/** One 事项: what it is, how many wait, the materials to bring, and the two ways in. */
export function ServiceCard({ service: s, canTakeRemote, expanded, onToggle, onBook, onTake }: ServiceCardProps) {
  return (
    <View id={`service-${s.id}`} className="card service-card">
      <View className="service-head" onClick={onToggle}>
        <View className="service-title-block">
          <Text className="service-name">{s.name}</Text>
          <Text className="muted">
            {APPOINTMENT_NOTES[s.appointment]}
            {s.durationMin ? ` · 约${minutesText(s.durationMin)}/人` : ''}
          </Text>
        </View>
        {s.waiting !== null ? (
          <View className="service-waiting">
            <Text id={`service-${s.id}-waiting`} className="service-waiting-count">
              {s.waiting}
            </Text>
            <Text className="service-waiting-label">人在等</Text>
          </View>
        ) : null}
      </View>
      <Text id={`service-${s.id}-materials-toggle`} className="link-button" onClick={onToggle}>
        {expanded ? '收起材料清单 ▲' : `需要带什么？查看材料清单（${s.materials.length}项）▼`}
      </Text>
      {expanded ? <MaterialsChecklist id={`service-${s.id}-materials`} materials={s.materials} /> : null}
      <View className="service-actions">
        {s.appointment !== 'off' ? (
          <Button id={`service-${s.id}-book`} className="primary-button service-action" onClick={onBook}>
            预约
          </Button>
        ) : null}
        {s.appointment !== 'required' && canTakeRemote ? (
          <Button id={`service-${s.id}-take`} className="secondary-button service-action" onClick={onTake}>
            远程取号
          </Button>
        ) : null}
      </View>
    </View>
  );
}
