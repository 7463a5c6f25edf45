import { Button, Text, View } from '@tarojs/components';
import type { DevAccountSwitcher } from '../../platform/types';
import { classNames } from '../../utils/class-names';

interface DevAccountPickerProps {
  switcher: DevAccountSwitcher;
  onChosen: (account: string) => void;
}

/** H5 testing aid: log in again as another demo account (the choice is remembered). */
export function DevAccountPicker({ switcher, onChosen }: DevAccountPickerProps) {
  const current = switcher.current();
  return (
    <View id="dev-accounts" className="card">
      <Text className="card-title">测试账号</Text>
      <Text className="muted">当前：{current}</Text>
      <View className="dev-account-list">
        {switcher.accounts.map((account) => (
          <Button
            key={account}
            id={`dev-account-${account.replace(/^dev:/, '')}`}
            className={classNames('secondary-button dev-account', account === current && 'dev-account--current')}
            onClick={() => {
              switcher.choose(account);
              onChosen(account);
            }}
          >
            {account}
          </Button>
        ))}
      </View>
    </View>
  );
}
