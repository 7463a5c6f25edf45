import { Button, Input, Text, View } from '@tarojs/components';
import { AdminFrame } from '../../components/admin-frame';
import { Pager } from '../../components/pager';
import { usePharmacies } from '../../hooks/use-pharmacies';
import { usePharmacyEditor } from '../../hooks/use-pharmacy-editor';
import { ImportCard } from './import-card';
import { PharmacyEditor } from './pharmacy-editor';
import { PharmacyTable } from './pharmacy-table';
import './index.scss';

/** 药店管理: search, page, add, edit, and import pharmacies from CSV. */
export default function AdminPharmaciesPage() {
  const list = usePharmacies();
  const editor = usePharmacyEditor(() => void list.reload());
  return (
    <AdminFrame section="pharmacies" title="药店管理">
      <View className="card">
        <View className="adm-toolbar">
          <Input id="pharmacy-search" className="adm-input adm-search" value={list.query} placeholder="搜索名称、编号、区县、地址或电话" onInput={(e) => list.setQuery(e.detail.value)} />
          <Button id="pharmacy-add" className="primary-button adm-button adm-search-button" onClick={() => editor.start(null)}>
            新增药店
          </Button>
        </View>
        {list.error ? (
          <Text id="pharmacy-list-error" className="form-error">
            {list.error}
          </Text>
        ) : null}
        <PharmacyTable rows={list.rows} onEdit={editor.start} />
        <Pager id="pharmacy-pager" page={list.page} pages={list.pages} total={list.total} onPage={list.setPage} />
      </View>
      {editor.open ? <PharmacyEditor editor={editor} /> : null}
      <ImportCard onImported={() => void list.reload()} />
    </AdminFrame>
  );
}
