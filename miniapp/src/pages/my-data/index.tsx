import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { userMessage } from '../../api/error-messages';
import { rightsApi } from '../../api/rights-api';
import type { DataExportResponse } from '../../api/rights-contract';
import { PageShell } from '../../components/page-shell';
import { FIELD_LABELS, SECTION_LABELS, valueLabel } from './section-labels';
import './index.scss';

function scalar(v: unknown): string {
  if (v === true) return '是';
  if (v === false) return '否';
  if (typeof v === 'string') return valueLabel(v);
  if (typeof v === 'number') return String(v);
  return '无';
}

/** One value as indented lines: objects by field, lists item by item. */
function lines(value: unknown, depth = 0): { depth: number; text: string }[] {
  if (value === null || value === undefined) return [{ depth, text: '无' }];
  if (Array.isArray(value)) return value.length === 0 ? [{ depth, text: '无' }] : value.flatMap((v, i) => [{ depth, text: `第 ${i + 1} 条` }, ...lines(v, depth + 1)]);
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      v !== null && typeof v === 'object' ? [{ depth, text: `${FIELD_LABELS[k] ?? k}：` }, ...lines(v, depth + 1)] : [{ depth, text: `${FIELD_LABELS[k] ?? k}：${scalar(v)}` }],
    );
  }
  return [{ depth, text: scalar(value) }];
}

/** 导出我的数据: everything the system holds about the caller (GET /api/v1/me/export), readable. */
export default function MyDataPage() {
  const [data, setData] = useState<DataExportResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    rightsApi.exportMyData().then(setData, (e: unknown) => setError(userMessage(e)));
  }, []);

  return (
    <PageShell id="page-my-data">
      {data ? (
        <>
          <View className="card">
            <Text className="muted">{data.note}</Text>
            <Text id="my-data-time" className="muted my-data-time">导出时间：{new Date(data.exportedAt).toLocaleString('zh-CN')}</Text>
          </View>
          {Object.entries(data.sections).map(([key, value]) => (
            <View key={key} id={`my-data-${key}`} className="card">
              <Text className="card-title">{SECTION_LABELS[key] ?? key}</Text>
              {lines(value).map((l, i) => (
                <Text key={i} className="my-data-line" style={{ paddingLeft: `${l.depth * 12}px` }}>
                  {l.text}
                </Text>
              ))}
            </View>
          ))}
        </>
      ) : (
        <View className="card">
          <Text id={error ? 'my-data-error' : 'my-data-loading'} className="muted">{error ?? '正在整理您的数据…'}</Text>
        </View>
      )}
    </PageShell>
  );
}
