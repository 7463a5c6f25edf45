import { Text, View } from '@tarojs/components';
import type { ImportFailure } from '../../lib/import-failure';

/** Why an import was refused, and each bad row by line, so the file can be fixed and sent again. */
export function RowErrors({ id, failure }: { id: string; failure: ImportFailure }) {
  return (
    <View id={id} className="adm-row-errors">
      <Text className="form-error">{failure.message}</Text>
      {failure.lines.map((r) => (
        <Text key={`${r.line}-${r.message}`} className="adm-row-error" data-line={r.line}>
          第{r.line}行：{r.message}
        </Text>
      ))}
    </View>
  );
}
