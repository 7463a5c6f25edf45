import { Button, Text, View } from '@tarojs/components';
import { flagAttribute } from '../../../utils/flag-attribute';
import { TextField } from '../../components/text-field';
import type { PharmacyDraft, usePharmacyEditor } from '../../hooks/use-pharmacy-editor';

const FIELDS: readonly [keyof PharmacyDraft, string, string][] = [
  ['name', '名称', '例如 益丰大药房（人民路店）'],
  ['district', '区县', '例如 黄浦区'],
  ['address', '地址', '街道门牌'],
  ['lat', '纬度', '例如 31.2304'],
  ['lng', '经度', '例如 121.4737'],
  ['phone', '电话', '例如 021-63210001'],
  ['openingHours', '营业时间', '例如 08:00-22:00'],
];

/** The add / edit form; the id is chosen once, when the pharmacy is added. */
export function PharmacyEditor({ editor }: { editor: ReturnType<typeof usePharmacyEditor> }) {
  return (
    <View id="pharmacy-editor" className="card">
      <Text className="card-title">{editor.editing ? `编辑药店 ${editor.editing.id}` : '新增药店'}</Text>
      <View className="adm-toolbar">
        {editor.editing ? null : <TextField id="pharmacy-field-id" label="编号（可不填）" value={editor.draft.id} placeholder="例如 ph-101" onChange={(v) => editor.set('id', v)} />}
        {FIELDS.map(([key, label, hint]) => (
          <TextField key={key} id={`pharmacy-field-${key}`} label={label} value={editor.draft[key]} placeholder={hint} onChange={(v) => editor.set(key, v)} />
        ))}
      </View>
      {editor.error ? (
        <Text id="pharmacy-editor-error" className="form-error">
          {editor.error}
        </Text>
      ) : null}
      <View className="adm-actions">
        <Button id="pharmacy-cancel" className="secondary-button adm-button" onClick={editor.close}>
          取消
        </Button>
        <Button id="pharmacy-save" className="primary-button adm-button" loading={flagAttribute(editor.busy)} disabled={flagAttribute(editor.busy)} onClick={() => void editor.save()}>
          保存
        </Button>
      </View>
    </View>
  );
}
