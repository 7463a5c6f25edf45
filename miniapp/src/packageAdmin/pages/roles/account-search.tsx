import { Button, Text, View } from '@tarojs/components';
import { describeRole } from '../../../constants/role-labels';
import { flagAttribute } from '../../../utils/flag-attribute';
import { TextField } from '../../components/text-field';
import { accountLabel, type useAccountSearch } from '../../hooks/use-account-search';

/** Find whom to grant a role to: by ID number or login; masked results, each to choose. */
export function AccountSearch({ search }: { search: ReturnType<typeof useAccountSearch> }) {
  return (
    <View id="account-search">
      <View className="adm-toolbar">
        <TextField id="account-search-q" label="查找账号" value={search.q} placeholder="身份证号或登录名" onChange={search.setQ} />
        <Button id="account-search-submit" className="secondary-button adm-button adm-search-button" loading={flagAttribute(search.busy)} onClick={() => void search.search()}>
          查找
        </Button>
      </View>
      {search.error ? (
        <Text id="account-search-error" className="form-error">
          {search.error}
        </Text>
      ) : null}
      {search.results?.length === 0 ? (
        <Text id="account-search-none" className="muted">
          没有找到这个账号。请核对身份证号，或请对方先登录一次。
        </Text>
      ) : null}
      {search.results?.map((a) => (
        <View key={a.accountId} id={`account-${a.accountId}`} className="adm-toolbar" data-picked={search.picked?.accountId === a.accountId ? 'yes' : 'no'}>
          <Text className="adm-account-label">
            {accountLabel(a)}
            {a.roles.length ? `（已有：${a.roles.map(describeRole).join('、')}）` : ''}
          </Text>
          <Text id={`account-pick-${a.accountId}`} className="adm-link" onClick={() => search.pick(a)}>
            {search.picked?.accountId === a.accountId ? '已选择' : '选择'}
          </Text>
        </View>
      ))}
    </View>
  );
}
