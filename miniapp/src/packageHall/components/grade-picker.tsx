import { Text, View } from '@tarojs/components';
import type { RatingGrade } from '../lib/hall-view';
import { classNames } from '../../utils/class-names';

/** 好差评's five grades, best first, in the words of the national standard. */
export const GRADES: readonly { grade: RatingGrade; label: string; face: string }[] = [
  { grade: 5, label: '非常满意', face: '★★★★★' },
  { grade: 4, label: '满意', face: '★★★★' },
  { grade: 3, label: '基本满意', face: '★★★' },
  { grade: 2, label: '不满意', face: '★★' },
  { grade: 1, label: '非常不满意', face: '★' },
];

/** The bottom two are 差评: the hall manager follows them up. */
export const isPoorGrade = (grade: RatingGrade) => grade <= 2;

interface GradePickerProps {
  value: RatingGrade | null;
  onChange: (grade: RatingGrade) => void;
}

export function GradePicker({ value, onChange }: GradePickerProps) {
  return (
    <View id="grade-picker" className="grade-picker">
      {GRADES.map((g) => (
        <View
          key={g.grade}
          id={`grade-${g.grade}`}
          className={classNames('grade', value === g.grade && 'grade--selected', isPoorGrade(g.grade) && 'grade--poor')}
          onClick={() => onChange(g.grade)}
        >
          <Text className="grade-face">{g.face}</Text>
          <Text className="grade-label">{g.label}</Text>
        </View>
      ))}
    </View>
  );
}
