import { isAppError } from '../../../core/app-error';
import { parseHallCsv, parseHours, parseMaterials } from './hall-csv';

function problemsOf(csv: string): unknown {
  try {
    parseHallCsv(csv);
  } catch (err) {
    return isAppError(err) && err.code === 'IMPORT_INVALID' ? err.details : err;
  }
  throw new Error('the file was accepted');
}

const HEADER = 'kind,hallId,id,name,a,b,c,d,e';

describe('the hall import file', () => {
  it('reads hours with lunch breaks, materials with notes', () => {
    expect(parseHours('1-2 09:00-12:00 13:30-17:00;6 09:00-12:00')).toEqual([
      { weekday: 1, open: '09:00', close: '12:00' }, { weekday: 1, open: '13:30', close: '17:00' },
      { weekday: 2, open: '09:00', close: '12:00' }, { weekday: 2, open: '13:30', close: '17:00' },
      { weekday: 6, open: '09:00', close: '12:00' },
    ]);
    expect(parseMaterials('居民户口簿*|近期免冠照片(可现场拍摄)')).toEqual([
      { name: '居民户口簿', required: true, note: null },
      { name: '近期免冠照片', required: false, note: '可现场拍摄' },
    ]);
  });

  it('parses halls, services and windows', () => {
    const rows = parseHallCsv('kind,hallId,id,name,a,b,c,d,e\nhall,h-1,,大厅,某路,蜀山区,31.8 117.2,1-5 09:00-17:00,2026-10-01\nservice,h-1,s-1,身份证,户籍,A,10,required,户口簿*\nwindow,h-1,w-1,1号窗口,1,s-1,open,,\n');
    expect(rows.halls[0]).toMatchObject({ id: 'h-1', location: { lat: 31.8, lng: 117.2 }, closedDays: ['2026-10-01'] });
    expect(rows.services[0]).toMatchObject({ id: 's-1', hallId: 'h-1', ticketPrefix: 'A', appointmentMode: 'required', expectedMinutes: 10 });
    expect(rows.windows[0]).toMatchObject({ id: 'w-1', number: 1, serviceIds: ['s-1'], status: 'open' });
  });

  it('reports every bad line and returns nothing', () => {
    const details = problemsOf('kind,hallId,id,name,a,b,c,d,e\nhall,h-1,,大厅,某路,蜀山区,,1-5 9-17,\nservice,h-1,s-1,身份证,户籍,AB,10,allowed,\nthing,h-1\n');
    expect((details as { line: number }[]).map((d) => d.line)).toEqual([2, 3, 4]);
  });

  it('reads quoted cells with commas and doubled quotes', () => {
    const rows = parseHallCsv(`${HEADER}\nhall,h-1,,"政务大厅, 东区",某路,蜀山区,31.8 117.2,1-5 09:00-17:00,\nservice,h-1,s-1,"""身份证""办理",户籍,A,10,required,"户口簿*|照片(近期, 免冠)"\n`);
    expect(rows.halls[0]).toMatchObject({ name: '政务大厅, 东区', address: '某路' });
    expect(rows.services[0]).toMatchObject({ name: '"身份证"办理', materials: [{ name: '户口簿', required: true, note: null }, { name: '照片', required: false, note: '近期, 免冠' }] });
  });

  it('numbers bad rows by the line they start on, after cells that span lines (LF and CRLF)', () => {
    const csv = `${HEADER}\nservice,h-1,s-1,身份证,户籍,A,10,required,"户口簿*|照片(近期,\n免冠)"\nthing,h-1\nservice,h-1,s-2,"换\r\n证",户籍,A,10,allowed,\nwindow,h-1\n`;
    const details = problemsOf(csv) as { line: number; message: string }[];
    expect(details.map((d) => d.line)).toEqual([2, 4, 5, 7]);
    expect(details[2].message).toMatch(/换行/);
  });

  it('refuses a file whose quoting is broken, at that line', () => {
    expect(problemsOf(`${HEADER}\nhall,h-1,,"大厅,某路,蜀山区,,1-5 09:00-17:00,\n`)).toEqual([{ line: 2, message: 'a quoted field is not closed' }]);
  });
});
