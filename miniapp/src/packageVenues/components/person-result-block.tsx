import { Text, View } from '@tarojs/components';
import { classNames } from '../../utils/class-names';
import { colourNames, guardAdvice, type Colour } from '../lib/colour-guidance';

interface PersonResultBlockProps {
  index: number;
  maskedName: string;
  colour: Colour;
  /** Why not green (赋码原因), shown under the advice. */
  reasons?: readonly string[];
  /** The BFF's own advice when red or yellow; the page's wording otherwise. */
  advice?: string | null;
}

/** One person's big colour block for the guard: name, colour word, and what to do when not green. */
export function PersonResultBlock({ index, maskedName, colour, reasons = [], advice: told = null }: PersonResultBlockProps) {
  const advice = guardAdvice[colour];
  const todo = colour === 'green' ? null : (told ?? advice.todo);
  return (
    <View id={`checkin-person-${index}`} className={classNames('person-block', `person-block--${colour}`)} data-colour={colour}>
      <Text className="person-block-name">{maskedName}</Text>
      <Text className="person-block-colour">{colourNames[colour]}</Text>
      <Text className="person-block-title">{advice.title}</Text>
      {todo ? (
        <Text id={`checkin-person-${index}-todo`} className="person-block-todo">
          {todo}
        </Text>
      ) : null}
      {reasons.map((r) => (
        <Text key={r} className="person-block-reason">
          {r}
        </Text>
      ))}
    </View>
  );
}
