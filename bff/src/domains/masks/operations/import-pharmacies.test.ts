import { parsePharmacyCsv } from './import-pharmacies';

const HEADER = 'id,name,address,district,latitude,longitude,phone,openingHours';

describe('parsePharmacyCsv', () => {
  it('reads good rows, in any column order, trimming cells', () => {
    const csv = `${HEADER}\nph-001,"益丰大药房（人民路店）","人民路1号, 一楼",黄浦区,31.2304,121.4737,021-1234,08:00-20:00\n`;
    expect(parsePharmacyCsv(csv)).toEqual({
      errors: [],
      rows: [{ line: 2, id: 'ph-001', name: '益丰大药房（人民路店）', address: '人民路1号, 一楼', district: '黄浦区', latitude: 31.2304, longitude: 121.4737, phone: '021-1234', openingHours: '08:00-20:00' }],
    });
    const reordered = 'phone,openingHours,id,name,address,district,longitude,latitude\n 110 ,24h, ph-9 ,N,A,D,-0.5,+1.25\n';
    expect(parsePharmacyCsv(reordered).rows[0]).toMatchObject({ id: 'ph-9', phone: '110', latitude: 1.25, longitude: -0.5 });
  });

  it('reports every bad row by its line number', () => {
    const csv = [
      HEADER,
      'ph-001,A,addr,d,31,121,1,8-20',
      'ph-002,B,addr,d,95,121,1,8-20', // latitude out of range
      'ph-003,C,addr,d,,121,1,8-20', // empty latitude is not 0
      'ph 004,D,addr,d,31,121,1,8-20', // bad id
      'ph-005,,addr,d,31,181,1,8-20', // name missing, longitude out of range
      'PH-001,F,addr,d,31,121,1,8-20', // duplicate of line 2 (MySQL ignores case)
      'ph-007,G,addr,d,31,121,1', // 7 fields
      'ph-008,H,addr,d,north,121,1,8-20',
    ].join('\n');
    const { errors } = parsePharmacyCsv(csv);
    expect(errors).toEqual([
      { line: 3, message: 'latitude must be between -90 and 90' },
      { line: 4, message: 'latitude must be a decimal number' },
      { line: 5, message: 'id must be 1–36 letters, digits, _ or -' },
      { line: 6, message: 'name is required; longitude must be between -180 and 180' },
      { line: 7, message: 'duplicate id PH-001 (first on line 2)' },
      { line: 8, message: 'expected 8 fields, found 7' },
      { line: 9, message: 'latitude must be a decimal number' },
    ]);
  });

  it('counts lines through quoted line breaks', () => {
    const csv = `${HEADER}\nph-1,"two\nlines",a,d,31,121,1,h\nph-2,N,a,d,31,999,1,h\n`;
    expect(parsePharmacyCsv(csv).errors).toEqual([{ line: 4, message: 'longitude must be between -180 and 180' }]);
  });

  it('refuses a wrong header, an empty file, a header alone and broken quoting', () => {
    expect(parsePharmacyCsv('id,name,lat\nx,y,1\n').errors[0]).toMatchObject({ line: 1, message: expect.stringMatching(/^missing column\(s\): address, district, latitude, longitude, phone, openingHours; unknown column\(s\): lat/) });
    expect(parsePharmacyCsv('').errors).toEqual([{ line: 1, message: 'the file is empty' }]);
    expect(parsePharmacyCsv(`${HEADER}\n`).errors).toEqual([{ line: 1, message: 'the file has no pharmacy rows' }]);
    expect(parsePharmacyCsv(`${HEADER}\nph-1,"open,a,d,31,121,1,h\n`).errors).toEqual([{ line: 2, message: 'a quoted field is not closed' }]);
  });
});
