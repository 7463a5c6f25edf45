export type Colour = 'green' | 'yellow' | 'red';

export const colourNames: Readonly<Record<Colour, string>> = { green: '绿码', yellow: '黄码', red: '红码' };

/**
 * What the guard (and the person) does for each colour, in words a grandmother understands; green
 * needs nothing, yellow and red say what to do next.
 */
export const guardAdvice: Readonly<Record<Colour, { title: string; todo: string | null }>> = {
  green: { title: '可以进入', todo: null },
  yellow: { title: '请暂不进入', todo: '请尽快做核酸检测，结果出来前不要去人多的地方。工作人员请登记后劝离。' },
  red: { title: '不能进入', todo: '请马上回家，不要外出，拨打社区电话或 12320 听从安排。工作人员请立即报告。' },
};
