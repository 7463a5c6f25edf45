import type { HealthColour } from '../../api/code-contract';
import type { AppealStatus, HealthListType, RiskLevel, Symptom } from '../../api/health-contract';

/** What people call each colour. */
export const colourLabels: Readonly<Record<HealthColour, string>> = { green: '绿码', yellow: '黄码', red: '红码' };

/** One line of advice under the colour, for the holder and for the staff at the door. */
export const colourAdvice: Readonly<Record<HealthColour, string>> = {
  green: '凭码通行',
  yellow: '请配合核酸检测，暂不进入人员密集场所',
  red: '请居家，配合社区管理',
};

export const symptomLabels: Readonly<Record<Symptom, string>> = {
  fever: '发热（37.3℃及以上）',
  cough: '咳嗽',
  sore_throat: '咽痛',
  fatigue: '乏力',
  loss_of_taste: '嗅觉或味觉减退',
  diarrhea: '腹泻',
};

export const listTypeLabels: Readonly<Record<HealthListType, string>> = {
  confirmed: '确诊病例',
  suspected: '疑似病例',
  close_contact: '密切接触者',
  secondary_contact: '次密切接触者',
};

export const riskLevelLabels: Readonly<Record<RiskLevel, string>> = { high: '高风险', medium: '中风险' };

export const appealStatusLabels: Readonly<Record<AppealStatus, string>> = {
  open: '处理中',
  upheld: '维持原码',
  overridden: '已改码',
};

/** 李四 → 李*, already-masked names pass through. */
export function maskName(name: string): string {
  if (!name || name.includes('*')) return name;
  const chars = Array.from(name);
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
