import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { classNames } from '../../utils/class-names';

export interface Column<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  /** Relative width (flex-grow); 1 when absent. */
  grow?: number;
  numeric?: boolean;
}

interface DataTableProps<T> {
  id: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** A row to draw attention to (a ledger violation). */
  flagged?: (row: T) => boolean;
  empty: string;
}

/**
 * A table on a desktop; on a phone each row becomes a small card of "label value" pairs, so no
 * column hides off screen (the labels are real text, hidden at desk width, not CSS `attr()`).
 */
export function DataTable<T>({ id, columns, rows, rowKey, flagged, empty }: DataTableProps<T>) {
  return (
    <View id={id} className="adm-table-scroll">
      <View className="adm-table">
        <View className="adm-tr adm-tr--head">
          {columns.map((c) => (
            <Text key={c.key} className={classNames('adm-th', c.numeric && 'adm-num')} style={{ flexGrow: c.grow ?? 1 }}>
              {c.title}
            </Text>
          ))}
        </View>
        {rows.length === 0 ? <Text className="adm-empty muted">{empty}</Text> : null}
        {rows.map((r) => {
          const bad = flagged?.(r) ?? false;
          return (
            <View key={rowKey(r)} className={classNames('adm-tr', bad && 'adm-tr--flagged')} data-row={rowKey(r)} data-flagged={bad ? 'yes' : 'no'}>
              {columns.map((c) => (
                <View key={c.key} className={classNames('adm-td', c.numeric && 'adm-num')} style={{ flexGrow: c.grow ?? 1 }}>
                  <Text className="adm-td-label">{c.title}</Text>
                  {c.render(r)}
                </View>
              ))}
            </View>
          );
        })}
      </View>
    </View>
  );
}
