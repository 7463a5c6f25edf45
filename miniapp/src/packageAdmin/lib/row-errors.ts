/**
 * The pharmacy import's row problems come from the same service as the command line, in English
 * (bff/src/domains/masks/operations/import-pharmacies.ts). The console shows them in plain Chinese;
 * anything not recognised is shown as sent rather than hidden.
 */
const COLUMNS: Readonly<Record<string, string>> = {
  id: '编号(id)',
  name: '名称(name)',
  address: '地址(address)',
  district: '区县(district)',
  latitude: '纬度(latitude)',
  longitude: '经度(longitude)',
  phone: '电话(phone)',
  openingHours: '营业时间(openingHours)',
};

const column = (name: string) => COLUMNS[name] ?? name;
const columns = (list: string) => list.split(/,\s*/).map(column).join('、');

type Rule = [RegExp, (...groups: string[]) => string];

const RULES: readonly Rule[] = [
  [/^(\w+) is required$/, (c) => `${column(c)}没有填写`],
  [/^(\w+) is longer than (\d+) characters$/, (c, n) => `${column(c)}太长，最多${n}个字`],
  [/^(\w+) must be a decimal number$/, (c) => `${column(c)}应填数字，例如 31.2304`],
  [/^(\w+) must be between (-?[\d.]+) and ([\d.]+)$/, (c, lo, hi) => `${column(c)}应在${lo}到${hi}之间`],
  [/^(\w+) must be 1–36 letters, digits, _ or -$/, (c) => `${column(c)}只能用1到36位字母、数字、_ 或 -`],
  [/^expected (\d+) fields, found (\d+)$/, (want, got) => `这一行有${got}项，应为${want}项（检查逗号是否多了或少了）`],
  [/^duplicate id (\S+) \(first on line (\d+)\)$/, (id, line) => `编号 ${id} 与第${line}行重复`],
  [/^id (\S+) differs only in case from the stored pharmacy (\S+)$/, (id, stored) => `编号 ${id} 与已有药店 ${stored} 仅大小写不同，请改用 ${stored}`],
  [/^missing column\(s\): (.+)$/, (list) => `表头缺少：${columns(list)}`],
  [/^unknown column\(s\): (.+)$/, (list) => `表头有不认识的列：${list}`],
  [/^repeated column\(s\): (.+)$/, (list) => `表头有重复的列：${list}`],
  [/^\(expected header (.+)\)$/, (h) => `（表头应为 ${h}）`],
  [/^the file is empty$/, () => '文件是空的'],
  [/^the file has no pharmacy rows$/, () => '文件只有表头，没有药店'],
  [/^a quoted field is not closed$/, () => '引号没有配对（有一个 " 没有结束）'],
  [/^text after a closing quote$/, () => '引号结束后还有文字'],
  [/^a quote inside an unquoted field.*$/, () => '内容里有引号：请把整格用引号括起来，里面的引号写两遍'],
];

function translateOne(part: string): string {
  for (const [re, say] of RULES) {
    const m = re.exec(part.trim());
    if (m) return say(...m.slice(1));
  }
  return part.trim();
}

/** One row message (issues joined by "; ", a header message with its expected header in brackets). */
export function describeRowError(message: string): string {
  const header = /^(.*?)\s*(\(expected header .+\))$/.exec(message);
  const parts = header ? [...header[1].split('; '), header[2]] : message.split('; ');
  return parts.map(translateOne).join('；');
}
