import { Button, Text, View } from '@tarojs/components';
import type { TraceResponse } from '../../api/venue-contract';
import { formatInstant } from '../../utils/china-time';
import { timeOfDay } from '../lib/clock-text';

interface TraceReportViewProps {
  answer: TraceResponse;
  exported: string | null;
  canExport: boolean;
  onExport: () => void;
  onNew: () => void;
}

/** 流调报告: the case (masked), the window, every venue with its exposed count, the exposed as masked names. */
export function TraceReportView({ answer, exported, canExport, onExport, onNew }: TraceReportViewProps) {
  const { trace } = answer;
  return (
    <View id="trace-report">
      <View className="card">
        <Text className="card-title">流调报告</Text>
        <Text id="trace-case" className="report-case">
          病例：{trace.caseMaskedName}（{trace.caseMaskedIdNumber}）
        </Text>
        <Text className="muted">
          传染期：{formatInstant(trace.from)} 至 {formatInstant(trace.until)}
        </Text>
        <Text id="trace-run" className="muted">
          {answer.rerun ? `此前已流调过，本次新增 ${answer.newlyExposed} 人` : `本次新增 ${answer.newlyExposed} 人转为黄码`}
        </Text>
        <View className="report-summary venue-gap">
          <View className="report-figure">
            <Text id="trace-venue-count" className="report-number">
              {trace.venues.length}
            </Text>
            <Text className="muted">涉及场所</Text>
          </View>
          <View className="report-figure">
            <Text id="trace-exposed-count" className="report-number">
              {trace.exposedCount}
            </Text>
            <Text className="muted">时空交集人员</Text>
          </View>
        </View>
      </View>
      <View id="trace-venues" className="card">
        <Text className="card-title">病例到过的场所</Text>
        {trace.venues.length === 0 ? <Text className="muted">传染期内没有场所登记记录</Text> : null}
        {trace.venues.map((v) => (
          <View key={`${v.venueId}-${v.caseCheckedInAt}`} className="report-venue" data-venue={v.venueId}>
            <Text className="report-venue-name">{v.venueName}</Text>
            <Text className="muted">
              {v.district} · 病例到访 {formatInstant(v.caseCheckedInAt)} · 排查 {timeOfDay(v.windowFrom)}–{timeOfDay(v.windowUntil)} · {v.exposedCount} 人
            </Text>
            {trace.exposed
              .filter((p) => p.venueId === v.venueId && p.checkedInAt >= v.windowFrom && p.checkedInAt <= v.windowUntil)
              .map((p) => (
                <Text key={`${p.personId}-${p.checkedInAt}`} className="report-person">
                  {p.maskedName} · {formatInstant(p.checkedInAt)} 登记
                </Text>
              ))}
          </View>
        ))}
      </View>
      <View className="card">
        {canExport ? (
          <Button id="trace-export" className="primary-button" onClick={onExport}>
            导出CSV
          </Button>
        ) : null}
        {exported ? (
          <Text id="trace-exported" className="muted venue-gap">
            {exported}
          </Text>
        ) : null}
        <Button id="trace-new" className="secondary-button venue-gap" onClick={onNew}>
          标记下一个病例
        </Button>
      </View>
    </View>
  );
}
