import type { PropsWithChildren } from 'react';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

/** A manager page without a hall to show: the account is no hall manager (admins open it with ?hallId=). */
export function NoManagedHall({ id }: { id: string }) {
  return (
    <PageShell id={id} className="page--padded">
      <View id="manager-no-role" className="card list-error">
        <Text className="form-error">仅大厅管理员可使用此功能</Text>
      </View>
    </PageShell>
  );
}

/** A card with a title: one block of a manager page. */
export function ManagerCard({ id, title, children }: PropsWithChildren<{ id: string; title: string }>) {
  return (
    <View id={id} className="card">
      <Text className="card-title">{title}</Text>
      {children}
    </View>
  );
}
