import { Button, Text, Textarea, View } from '@tarojs/components';
import { HealthListType } from '../../../api/health-contract';
import { platform } from '../../../platform/platform';
import { classNames } from '../../../utils/class-names';
import { flagAttribute } from '../../../utils/flag-attribute';
import { LineErrors } from '../../components/line-errors';
import { listTypeLabels } from '../../lib/health-labels';
import { useCsvImport, type ImportTarget } from './use-csv-import';

const TARGETS: readonly ImportTarget[] = [...HealthListType.options, 'tests'];
const targetLabel = (t: ImportTarget) => (t === 'tests' ? '核酸检测结果' : listTypeLabels[t]);
const HEADERS = { list: 'idNumber,date,releasedOn', tests: 'idNumber,result,sampledAt' };

export function CsvImportCard() {
  const imp = useCsvImport();
  return (
    <View id="csv-import" className="card">
      <Text className="card-title">导入名单或检测结果</Text>
      <View>
        {TARGETS.map((t) => (
          <Text key={t} id={`import-target-${t}`} className={classNames('chip', imp.target === t && 'chip--selected')} onClick={() => imp.setTarget(t)}>
            {targetLabel(t)}
          </Text>
        ))}
      </View>
      <Text className="muted">第一行为表头：{imp.target === 'tests' ? HEADERS.tests : HEADERS.list}；有任何一行出错则全部不导入</Text>
      <Textarea
        id="import-csv"
        className="health-textarea health-gap"
        value={imp.csv}
        placeholder="粘贴CSV内容"
        maxlength={-1}
        onInput={(e) => imp.setCsv(e.detail.value)}
      />
      {platform.canPickTextFile ? (
        <Text id="import-choose" className="link-button" onClick={() => void imp.choose()}>
          选择CSV文件
        </Text>
      ) : null}
      <Button
        id="import-submit"
        className="primary-button health-gap"
        loading={flagAttribute(imp.busy)}
        disabled={flagAttribute(imp.busy || !imp.csv.trim())}
        onClick={() => void imp.submit()}
      >
        导入
      </Button>
      {imp.done ? (
        <Text id="import-done" className="reason-green-from">
          已导入{imp.done.imported}条，{imp.done.changed}人颜色变化
        </Text>
      ) : null}
      {imp.failure ? <LineErrors id="import-errors" failure={imp.failure} /> : null}
    </View>
  );
}
