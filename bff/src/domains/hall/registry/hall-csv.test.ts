import { isAppError } from '../../../core/app-error';
import { parseHallCsv, parseHours, parseMaterials, splitCsvLine } from './hall-csv';

describe('the hall import file', () => {
  it('reads hours with lunch breaks, materials with notes, quoted cells', () => {
    expect(parseHours('1-2 09:00-12:00 13:30-17:00;6 09:00-12:00')).toEqual([
      { weekday: 1, open: '09:00', close: '12:00' }, { weekday: 1, open: '13:30', close: '17:00' },
      { weekday: 2, open: '09:00', close: '12:00' }, { weekday: 2, open: '13:30', close: '17:00' },
      { weekday: 6, open: '09:00', close: '12:00' },
    ]);
    expect(parseMaterials('居民户口簿*|近期免冠照片(可现场拍摄)')).toEqual([
      { name: '居民户口簿', required: true, note: null },
      { name: '近期免冠照片', required: false, note: '可现场拍摄' },
    ]);
    expect(splitCsvLine('a,"b, c",""d""')).toEqual(['a', 'b, c', 'd']);
  });

  it('parses halls, services and windows', () => {
    const rows = parseHallCsv('kind,hallId,id,name,a,b,c,d,e\nhall,h-1,,大厅,某路,蜀山区,31.8 117.2,1-5 09:00-17:00,2026-10-01\nservice,h-1,s-1,身份证,户籍,A,10,required,户口簿*\nwindow,h-1,w-1,1号窗口,1,s-1,open,,\n');
    expect(rows.halls[0]).toMatchObject({ id: 'h-1', location: { lat: 31.8, lng: 117.2 }, closedDays: ['2026-10-01'] });
    expect(rows.services[0]).toMatchObject({ id: 's-1', hallId: 'h-1', ticketPrefix: 'A', appointmentMode: 'required', expectedMinutes: 10 });
    expect(rows.windows[0]).toMatchObject({ id: 'w-1', number: 1, serviceIds: ['s-1'], status: 'open' });
  });

  it('reports every bad line and returns nothing', () => {
    let caught: unknown;
    try {
      parseHallCsv('kind,hallId,id,name,a,b,c,d,e\nhall,h-1,,大厅,某路,蜀山区,,1-5 9-17,\nservice,h-1,s-1,身份证,户籍,AB,10,allowed,\nthing,h-1\n');
    } catch (err) {
      caught = err;
    }
    expect(isAppError(caught) && caught.code).toBe('IMPORT_INVALID');
    expect(isAppError(caught) && (caught.details as { line: number }[]).map((d) => d.line)).toEqual([2, 3, 4]);
  });
});
