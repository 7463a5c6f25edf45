import { CsvSyntaxError, parseCsv } from './parse-csv';

describe('parseCsv (RFC 4180)', () => {
  it('splits plain records and numbers them by line', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  it('reads CRLF, a missing final newline, empty fields, and skips empty lines and a BOM', () => {
    expect(parseCsv('\uFEFFa,,c\r\n\r\n\nx,y,\r\nlast,1,2')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 4, fields: ['x', 'y', ''] },
      { line: 5, fields: ['last', '1', '2'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks; later lines keep true numbers', () => {
    const text = 'id,name\nph-1,"老百姓大药房（""中山路""店）, 二楼"\nph-2,"两行\n地址"\nph-3,x\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['id', 'name'] },
      { line: 2, fields: ['ph-1', '老百姓大药房（"中山路"店）, 二楼'] },
      { line: 3, fields: ['ph-2', '两行\n地址'] },
      { line: 5, fields: ['ph-3', 'x'] },
    ]);
  });

  it('keeps a quoted empty field as a record, and whitespace verbatim', () => {
    expect(parseCsv('""\n a , b \n')).toEqual([
      { line: 1, fields: [''] },
      { line: 2, fields: [' a ', ' b '] },
    ]);
  });

  it('refuses broken quoting with the line it happened on', () => {
    expect(() => parseCsv('a\n"open,b\n')).toThrow(new CsvSyntaxError(2, 'a quoted field is not closed'));
    expect(() => parseCsv('a\nb\nx"y,1\n')).toThrow(/line 3: a quote inside an unquoted field/);
    expect(() => parseCsv('"a"b,1\n')).toThrow(/line 1: text after a closing quote/);
  });
});

describe('parseCsv line numbers with Windows line ends', () => {
  it('numbers records after a quoted CRLF, and mixed CRLF/LF files, by their true lines', () => {
    expect(parseCsv('a\r\n\r\n"x\r\n\r\ny"\r\nz').map((r) => r.line)).toEqual([1, 3, 6]);
    expect(parseCsv('a\n\nb\r\nc\r\n"x\r\ny"\r\nz')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 3, fields: ['b'] },
      { line: 4, fields: ['c'] },
      { line: 5, fields: ['x\r\ny'] },
      { line: 7, fields: ['z'] },
    ]);
  });
});
