import { Text, View } from '@tarojs/components';
import { serviceElementId, type ServiceEntry, type ServiceKey } from '../constants/services';
import { classNames } from '../utils/class-names';
import './service-grid.scss';

interface ServiceGridProps {
  entries: readonly ServiceEntry[];
  /** 关怀模式 uses one column of wide rows instead of four columns. */
  simple: boolean;
  onSelect: (key: ServiceKey) => void;
}

export function ServiceGrid({ entries, simple, onSelect }: ServiceGridProps) {
  return (
    <View id="service-grid" className={classNames('service-grid', simple && 'service-grid--simple')}>
      {entries.map((s) => (
        <View key={s.key} id={serviceElementId(s.key)} className="service-item" onClick={() => onSelect(s.key)}>
          <View className="service-icon" style={{ backgroundColor: s.color }}>
            <Text className="service-glyph">{s.glyph}</Text>
          </View>
          <Text className="service-label">{s.label}</Text>
          {simple ? <Text className="service-arrow">›</Text> : null}
        </View>
      ))}
    </View>
  );
}
