import { Text, View } from '@tarojs/components';
import { classNames } from '../../utils/class-names';

interface PagerProps {
  id: string;
  page: number;
  pages: number;
  total: number;
  onPage: (page: number) => void;
}

/** 上一页 · 第 2/5 页，共 43 条 · 下一页 */
export function Pager({ id, page, pages, total, onPage }: PagerProps) {
  const link = (label: string, to: number, enabled: boolean, suffix: string) => (
    <Text id={`${id}-${suffix}`} className={classNames('adm-pager-link', !enabled && 'adm-pager-link--off')} onClick={() => enabled && onPage(to)}>
      {label}
    </Text>
  );
  return (
    <View id={id} className="adm-pager" data-page={page} data-pages={pages}>
      {link('上一页', page - 1, page > 1, 'prev')}
      <Text className="adm-pager-text">
        第 {page}/{pages} 页，共 {total} 条
      </Text>
      {link('下一页', page + 1, page < pages, 'next')}
    </View>
  );
}
