import { relationLabels } from '../../constants/relation-labels';
import { roleLabels } from '../../constants/role-labels';

/** The export's sections and fields in words a grandmother reads (unknown keys are shown as they are). */
export const SECTION_LABELS: Record<string, string> = {
  account: '账号',
  identity: '实名信息',
  family: '家人',
  maskReservations: '口罩预约',
  health: '健康码',
  printedCodes: '离线码',
  privacyConsents: '隐私政策同意记录',
  sessions: '登录设备',
};

export const FIELD_LABELS: Record<string, string> = {
  id: '编号',
  channel: '登录方式',
  createdAt: '时间',
  roles: '身份',
  role: '身份',
  scopeId: '范围',
  verified: '已实名',
  identity: '实名',
  name: '姓名',
  idNumber: '身份证号',
  relation: '关系',
  roundId: '轮次编号',
  pharmacyId: '药店编号',
  pharmacyName: '药店',
  personId: '人员编号',
  personName: '为谁预约',
  pickupDate: '领取日期',
  quantity: '数量（只）',
  status: '状态',
  colour: '颜色',
  reasons: '原因',
  greenFrom: '转绿日期',
  computedAt: '计算时间',
  colourHistory: '颜色变化',
  from: '从',
  to: '变为',
  cause: '原因',
  at: '时间',
  appeals: '申诉',
  declarations: '健康申报',
  declaredAt: '申报时间',
  date: '日期',
  symptoms: '症状',
  travel: '行程',
  district: '地区',
  issuedAt: '发放时间',
  expiresAt: '到期时间',
  revokedAt: '作废时间',
  lastUsedAt: '最近使用',
  ipMasked: '网络地址',
  place: '位置',
};

const VALUE_LABELS: Record<string, string> = {
  h5: '网页',
  weapp: '微信小程序',
  alipay: '支付宝小程序',
  reserved: '待取',
  redeemed: '已领取',
  cancelled: '已取消',
  expired: '已过期',
  green: '绿码',
  yellow: '黄码',
  red: '红码',
  ...roleLabels,
  ...relationLabels,
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A value in words: known codes translated, instants in local time, the rest as they are. */
export function valueLabel(value: string): string {
  if (ISO_INSTANT.test(value)) return new Date(value).toLocaleString('zh-CN', { hour12: false });
  return VALUE_LABELS[value] ?? value;
}
