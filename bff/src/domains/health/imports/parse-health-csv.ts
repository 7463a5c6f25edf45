import { IdNumber, IsoDate } from '@govpass/shared-types';
import { isRealDate } from '../../../core/china-date';
import { importRows } from '../../../core/parse-csv';

export interface RowError {
  line: number;
  message: string;
}

export interface ParsedList {
  rows: { idNumber: string; date: string; releasedOn: string | null }[];
  errors: RowError[];
}

export interface ParsedTests {
  rows: { idNumber: string; result: 'negative' | 'positive'; sampledAt: number }[];
  errors: RowError[];
}

export const LIST_HEADER = ['idNumber', 'date', 'releasedOn'];
export const TEST_HEADER = ['idNumber', 'result', 'sampledAt'];
/** An instant with its offset: a sample time without one would be read in the server's zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_ROWS = 100_000;

/** Broken quoting: everything after it would be misread, so the file is refused at that line. */
const QUOTING = 'CSV格式有误：引号不成对或位置不对。含逗号或换行的内容请整格用英文双引号括起来，格内的双引号写两次';

function checkHeader(first: { line: number; fields: string[] } | undefined, header: string[], errors: RowError[]): boolean {
  const ok = first !== undefined && first.fields.length === header.length && first.fields.every((f, i) => f.toLowerCase() === header[i].toLowerCase());
  if (!ok) errors.push({ line: first?.line ?? 1, message: `第一行应为表头：${header.join(',')}` });
  return ok;
}

function idNumberError(value: string): string | null {
  const parsed = IdNumber.safeParse(value);
  return parsed.success ? null : `身份证号码有误：${parsed.error.issues[0]?.message ?? '格式不对'}`;
}

function dateError(value: string, what: string): string | null {
  return IsoDate.safeParse(value).success && isRealDate(value) ? null : `${what}应为YYYY-MM-DD格式的日期`;
}

function parseRows<R>(text: string, header: string[], row: (fields: string[]) => { value?: R; errors: string[] }): { rows: R[]; errors: RowError[] } {
  const read = importRows(text);
  if (!read.ok) return { rows: [], errors: [{ line: read.line, message: QUOTING }] };
  const all = read.rows;
  const errors: RowError[] = [];
  if (!checkHeader(all[0], header, errors)) return { rows: [], errors };
  if (all.length - 1 > MAX_ROWS) return { rows: [], errors: [{ line: all[MAX_ROWS + 1].line, message: `一次最多导入${MAX_ROWS}行` }] };
  const rows: R[] = [];
  for (const l of all.slice(1)) {
    if (l.fields.length !== header.length) {
      errors.push({ line: l.line, message: `应有${header.length}列：${header.join(',')}` });
      continue;
    }
    const r = row(l.fields);
    if (r.errors.length > 0) errors.push({ line: l.line, message: r.errors.join('；') });
    else rows.push(r.value as R);
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ line: all[0].line, message: '文件中没有数据行' });
  return { rows, errors };
}

/** An official list: `idNumber,date,releasedOn` (releasedOn may be empty). */
export function parseListCsv(text: string): ParsedList {
  return parseRows(text, LIST_HEADER, ([idNumber, date, releasedOn]) => {
    const errors = [idNumberError(idNumber), dateError(date, '日期')];
    if (releasedOn !== '') errors.push(dateError(releasedOn, '解除日期') ?? (releasedOn < date ? '解除日期不能早于名单日期' : null));
    return { value: { idNumber, date, releasedOn: releasedOn === '' ? null : releasedOn }, errors: errors.filter((e): e is string => e !== null) };
  });
}

/** Test results: `idNumber,result,sampledAt` (negative|positive, ISO instant with offset). */
export function parseTestCsv(text: string, now: number): ParsedTests {
  return parseRows(text, TEST_HEADER, ([idNumber, result, sampledAt]) => {
    const errors = [idNumberError(idNumber)];
    const r = result.toLowerCase();
    if (r !== 'negative' && r !== 'positive') errors.push('结果应为negative或positive');
    const at = INSTANT.test(sampledAt) ? Date.parse(sampledAt) : NaN;
    if (!Number.isFinite(at)) errors.push('采样时间应为带时区的时间，例如2026-12-01T08:30:00+08:00');
    else if (at > now + 3_600_000) errors.push('采样时间不能晚于现在');
    return { value: { idNumber, result: r as 'negative' | 'positive', sampledAt: at }, errors: errors.filter((e): e is string => e !== null) };
  });
}
