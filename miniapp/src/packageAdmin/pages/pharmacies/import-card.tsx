import { Button, Text, Textarea, View } from '@tarojs/components';
import { platform } from '../../../platform/platform';
import { flagAttribute } from '../../../utils/flag-attribute';
import { RowErrors } from '../../components/row-errors';
import { StepProgress } from '../../components/step-progress';
import { usePharmacyImport } from '../../hooks/use-pharmacy-import';

const HEADER = 'id,name,address,district,latitude,longitude,phone,openingHours';

/** CSV import: pasted or chosen; with any bad row nothing is imported and each bad row is listed. */
export function ImportCard({ onImported }: { onImported: () => void }) {
  const imp = usePharmacyImport(onImported);
  const note = imp.done
    ? `已处理 ${imp.done.rows} 行：新增 ${imp.done.created}，更新 ${imp.done.updated}，未变 ${imp.done.unchanged}`
    : imp.failure
      ? `已检查 ${imp.rows} 行，有问题的行见下方，本次未导入任何药店`
      : `正在处理 ${imp.rows} 行…`;
  return (
    <View id="pharmacy-import" className="card">
      <Text className="card-title">批量导入（CSV）</Text>
      <Text className="muted">第一行为表头：{HEADER}；按编号新增或更新，有任何一行出错则全部不导入</Text>
      <Textarea id="import-csv" className="adm-textarea" value={imp.csv} placeholder="粘贴CSV内容" maxlength={-1} onInput={(e) => imp.setCsv(e.detail.value)} />
      <View className="adm-actions">
        {platform.canPickTextFile ? (
          <Button id="import-choose" className="secondary-button adm-button" onClick={() => void imp.choose()}>
            选择CSV文件
          </Button>
        ) : null}
        <Button id="import-submit" className="primary-button adm-button" loading={flagAttribute(imp.busy)} disabled={flagAttribute(imp.busy || !imp.csv.trim())} onClick={() => void imp.submit()}>
          导入{imp.rows > 0 ? ` ${imp.rows} 行` : ''}
        </Button>
      </View>
      {imp.progress ? <StepProgress id="import-progress" progress={imp.progress} note={note} /> : null}
      {imp.done ? (
        <Text id="import-done" className="adm-ok">
          导入成功
        </Text>
      ) : null}
      {imp.failure ? <RowErrors id="import-errors" failure={imp.failure} /> : null}
    </View>
  );
}
