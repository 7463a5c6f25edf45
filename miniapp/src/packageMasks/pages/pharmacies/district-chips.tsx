import { Text, View } from '@tarojs/components';
import { classNames } from '../../../utils/class-names';

interface DistrictChipsProps {
  districts: readonly string[];
  selected: string | null;
  onChoose: (district: string | null) => void;
}

/**
 * 全部 + one chip per district. The chips wrap instead of scrolling sideways, so nobody has to
 * discover a hidden row. Ids are positional (district-chip-0 …); each chip carries data-district.
 */
export function DistrictChips({ districts, selected, onChoose }: DistrictChipsProps) {
  if (districts.length === 0) return null;
  return (
    <View id="district-filter" className="district-filter">
      <Text
        id="district-all"
        className={classNames('chip district-chip', selected === null && 'chip--selected')}
        data-district=""
        onClick={() => onChoose(null)}
      >
        全部
      </Text>
      {districts.map((d, i) => (
        <Text
          key={d}
          id={`district-chip-${i}`}
          className={classNames('chip district-chip', selected === d && 'chip--selected')}
          data-district={d}
          onClick={() => onChoose(d)}
        >
          {d}
        </Text>
      ))}
    </View>
  );
}
