import type { PlaceKind } from '../scan-entry/entry-contract';

export interface PosterTexts {
  /** What the place is called when its domain gives no name (halls, windows and venues until their domains land). */
  fallbackName: string;
  /** Two lines of instructions, in the order a person does them. */
  lines: [string, string];
  /** The large-type line for the elderly. */
  elderly: string;
  /** A small line at the foot, when a kind of place owes the reader one (what a venue can see of them). */
  note?: string;
}

const SCAN_LINE = '① 打开微信或支付宝，扫一扫上方二维码';

/** Words on the printed poster, per kind of place: short, plain, for a grandmother. */
export const posterTexts: Record<PlaceKind, PosterTexts> = {
  pharmacy: {
    fallbackName: '口罩预约药店',
    lines: [SCAN_LINE, '② 即可预约本店口罩，凭取货码到柜台领取'],
    elderly: '不会用手机？请找店员帮忙',
  },
  hall: {
    fallbackName: '政务服务大厅',
    lines: [SCAN_LINE, '② 即可在本大厅取号，轮到您时手机会提醒'],
    elderly: '不会用手机？请到咨询台取号',
  },
  window: {
    fallbackName: '办事窗口',
    lines: [SCAN_LINE, '② 即可在本窗口取号，轮到您时手机会提醒'],
    elderly: '不会用手机？请到咨询台取号',
  },
  venue: {
    fallbackName: '场所登记',
    lines: [SCAN_LINE, '② 勾选本人和同行家人，点“登记”，把结果给门口工作人员看'],
    elderly: '没有智能手机？可由家人代为登记，或请工作人员帮助',
    note: '登记信息仅用于疫情防控，到期自动删除；场所只能看到到访人数，看不到您的姓名',
  },
};
