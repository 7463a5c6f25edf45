import { Text, View } from '@tarojs/components';
import type { ImportFailure } from '../../lib/import-failure';

/** Why an import was refused; bad rows by line so the file can be fixed and sent again. */
export function LineErrors({ id, failure }: { id: string; failure: ImportFailure }) {
  return (
    <View id={id} className="health-gap">
      <Text className="form-error">{failure.message}</Text>
      {failure.lines.map((l) => (
        <Text key={`${l.line}-${l.message}`} className="line-error" data-line={l.line}>
          第{l.line}行：{l.message}
        </Text>
      ))}
    </View>
  );
}
