import { Button, Text, View } from '@tarojs/components';
import { useStore } from '../hooks/use-store';
import { dismissEntryNotice, entryNoticeStore } from '../store/entry-notice';
import './entry-notice.scss';

/** The home page's word on a scanned code: 正在打开… while it is routed, or why it led home instead. */
export function EntryNotice() {
  const notice = useStore(entryNoticeStore);
  if (notice.opening) {
    return (
      <View id="entry-opening" className="entry-notice">
        <Text className="entry-notice-text">正在打开您扫描的地点，请稍候…</Text>
      </View>
    );
  }
  if (!notice.message) return null;
  return (
    <View id="entry-notice" className="entry-notice entry-notice--warning">
      <Text id="entry-notice-text" className="entry-notice-text">
        {notice.message}
      </Text>
      <Button id="entry-notice-dismiss" className="secondary-button entry-notice-action" onClick={dismissEntryNotice}>
        知道了
      </Button>
    </View>
  );
}
