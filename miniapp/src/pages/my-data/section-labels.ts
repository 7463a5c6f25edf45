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
  verified: '已实名',
  name: '姓名',
  idNumber: '身份证号',
  relation: '关系',
  pharmacyName: '药店',
  pickupDate: '领取日期',
  quantity: '数量',
  status: '状态',
  colour: '颜色',
  lastUsedAt: '最近使用',
  ipMasked: '网络地址',
  place: '位置',
};
