import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pages } from '../constants/pages';
import { PageShell } from './page-shell';

/** What someone without the role sees instead of a staff, manager's or official's page. */
export function RoleRequired({ pageId, who }: { pageId: string; who: string }) {
  return (
    <PageShell id={pageId} className="page--padded">
      <View id="role-required" className="card list-error">
        <Text className="form-error">仅{who}可使用此功能</Text>
        <Button id="role-go-home" className="secondary-button list-retry" onClick={() => void Taro.reLaunch({ url: pages.home })}>
          返回首页
        </Button>
      </View>
    </PageShell>
  );
}
