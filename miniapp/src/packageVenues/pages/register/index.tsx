import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { FormField } from '../../../components/form-field';
import { useStore } from '../../../hooks/use-store';
import { sessionStore } from '../../../store/session';
import { classNames } from '../../../utils/class-names';
import { flagAttribute } from '../../../utils/flag-attribute';
import { VENUE_TYPE_LABELS, type VenueType } from '../../../api/venue-contract';
import { RoleRequired } from '../../../components/role-required';
import { holdsAny, MANAGER_ROLES } from '../../lib/roles';
import { venuePosterUrl } from '../../lib/venue-poster-url';
import { useVenueForm, type VenueField } from './use-venue-form';
import './index.scss';

const TEXT_FIELDS: readonly { field: Exclude<VenueField, 'type' | 'lat' | 'lng'>; label: string; placeholder: string }[] = [
  { field: 'name', label: '场所名称', placeholder: '如：幸福里菜市场' },
  { field: 'address', label: '详细地址', placeholder: '如：长江路88号' },
  { field: 'district', label: '所属区', placeholder: '如：庐阳区' },
];

export default function VenueRegisterPage() {
  const session = useStore(sessionStore);
  const form = useVenueForm((poster) => void Taro.redirectTo({ url: venuePosterUrl(poster.venueCode) }));
  if (session.user && !holdsAny(session.user.roles, MANAGER_ROLES)) return <RoleRequired pageId="page-venue-register" who="场所管理员" />;
  const { values, errors } = form;

  return (
    <PageShell id="page-venue-register" className="page--padded">
      <View className="card">
        <Text className="card-title">登记新场所</Text>
        <Text className="muted">登记后会生成场所码海报，打印贴在门口，来访人员扫码登记。</Text>
        {TEXT_FIELDS.map(({ field, label, placeholder }) => (
          <FormField key={field} id={`venue-${field}`} label={label} error={errors[field]}>
            <Input
              id={`venue-${field}-input`}
              className="venue-input"
              value={values[field]}
              placeholder={placeholder}
              onInput={(e) => form.change(field, e.detail.value)}
            />
          </FormField>
        ))}
        <FormField id="venue-type" label="场所类型" error={errors.type}>
          <View id="venue-type-chips">
            {(Object.keys(VENUE_TYPE_LABELS) as VenueType[]).map((t) => (
              <Text key={t} id={`venue-type-${t}`} className={classNames('chip', values.type === t && 'chip--selected')} onClick={() => form.change('type', t)}>
                {VENUE_TYPE_LABELS[t]}
              </Text>
            ))}
          </View>
        </FormField>
        <FormField id="venue-location" label="位置（纬度、经度）" error={errors.lat ?? errors.lng}>
          <View className="venue-row">
            <Input id="venue-lat-input" className="venue-input" type="digit" value={values.lat} placeholder="纬度" onInput={(e) => form.change('lat', e.detail.value)} />
            <Input id="venue-lng-input" className="venue-input" type="digit" value={values.lng} placeholder="经度" onInput={(e) => form.change('lng', e.detail.value)} />
          </View>
          <Text id="venue-locate" className="link-button" onClick={() => void form.locate()}>
            {form.locating ? '正在定位…' : '使用当前位置'}
          </Text>
        </FormField>
        {form.formError ? (
          <Text id="venue-form-error" className="form-error">
            {form.formError}
          </Text>
        ) : null}
        <Button
          id="venue-submit"
          className="primary-button big-button venue-gap"
          loading={flagAttribute(form.busy)}
          disabled={flagAttribute(form.busy)}
          onClick={() => void form.submit()}
        >
          登记并生成场所码
        </Button>
      </View>
    </PageShell>
  );
}
