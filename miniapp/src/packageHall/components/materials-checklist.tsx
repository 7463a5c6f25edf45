import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Material } from '../lib/hall-view';
import { classNames } from '../../utils/class-names';

/**
 * 所需材料 as a checklist one can tick while packing the bag; required ones first. The ticks
 * are only on this screen (nothing is sent).
 */
export function MaterialsChecklist({ id, materials }: { id: string; materials: readonly Material[] }) {
  const [ticked, setTicked] = useState<readonly number[]>([]);
  if (materials.length === 0) {
    return (
      <Text id={id} className="muted">
        无需准备材料，带上身份证即可
      </Text>
    );
  }
  const ordered = materials.map((m, i) => ({ m, i })).sort((a, b) => Number(b.m.required) - Number(a.m.required));
  const toggle = (i: number) => setTicked((t) => (t.includes(i) ? t.filter((x) => x !== i) : [...t, i]));
  return (
    <View id={id} className="materials">
      {ordered.map(({ m, i }) => (
        <View key={i} id={`${id}-${i}`} className="material" onClick={() => toggle(i)}>
          <View className={classNames('check-box', ticked.includes(i) && 'check-box--on')}>{ticked.includes(i) ? <Text>✓</Text> : null}</View>
          <View className="material-text">
            <Text className="material-name">
              <Text className={classNames('material-tag', m.required ? 'material-tag--required' : 'material-tag--optional')}>{m.required ? '必带' : '可选'}</Text>
              {m.name}
            </Text>
            {m.note ? <Text className="material-note">{m.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
