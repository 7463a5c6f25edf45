import { formatCsv } from './format-csv';
import { parseCsv } from '../../../core/parse-csv';

describe('formatCsv', () => {
  it('quotes only what needs it, doubles quotes, ends every record with CRLF', () => {
    expect(formatCsv([['id', 'name', 'n'], ['ph-1', 'A, "B"', 3], ['ph-2', 'line\nbreak', null], ['ph-3', ' padded', -1]])).toBe(
      'id,name,n\r\nph-1,"A, ""B""",3\r\nph-2,"line\nbreak",\r\nph-3," padded",-1\r\n',
    );
  });

  it('round-trips through parseCsv', () => {
    const rows = [['a', 'b,c', '"q"', '多行\r\n文本', '']];
    expect(parseCsv(formatCsv(rows)).map((r) => r.fields)).toEqual(rows);
  });

  it('neutralizes formula-looking text when asked, never numbers', () => {
    expect(formatCsv([['=HYPERLINK("x")', '+1', '@a', '-b', 'ok', -5]], { neutralizeFormulas: true })).toBe(`"'=HYPERLINK(""x"")",'+1,'@a,'-b,ok,-5\r\n`);
    expect(formatCsv([['=1+1']])).toBe('=1+1\r\n');
  });
});
