import { parseVenueCsv } from './parse-venue-csv';

describe('parseVenueCsv', () => {
  it('reads every row or none', () => {
    const ok = parseVenueCsv('id,name,address,district,type,lat,lng\nv-1,便民超市,庐阳区长江中路1号,庐阳区,shop,31.86,117.28\n,火车站,站前路,瑶海区,station,31.88,117.31\n');
    expect(ok.errors).toEqual([]);
    expect(ok.rows.map((r) => r.id)).toEqual(['v-1', undefined]);
    const bad = parseVenueCsv('id,name,address,district,type,lat,lng\nv-1,便民超市,地址,庐阳区,shop,31.86,117.28\nv-2,X,地址,庐阳区,spaceship,91,117\nv-1,重复,地址,庐阳区,shop,31,117\n');
    expect(bad.rows).toEqual([]);
    expect(bad.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(parseVenueCsv('name\nx').errors[0].line).toBe(1);
  });

  it('reads quoted cells with commas and doubled quotes; rows keep the line they start on', () => {
    const header = 'id,name,address,district,type,lat,lng';
    const ok = parseVenueCsv(`${header}\nv-1,"便民超市, 北门","长江中路""1号""",庐阳区,shop,31.86,117.28\n`);
    expect(ok.errors).toEqual([]);
    expect(ok.rows[0]).toMatchObject({ name: '便民超市, 北门', address: '长江中路"1号"' });
    const bad = parseVenueCsv(`${header}\nv-1,"两行\n名字",地址,庐阳区,shop,31.86,117.28\nv-2,X,地址,庐阳区,spaceship,31,117\nv-3,"a,b"\n`);
    expect(bad.rows).toEqual([]);
    expect(bad.errors.map((e) => e.line)).toEqual([2, 4, 5]);
    expect(parseVenueCsv(`${header}\nv-1,"open,地址,庐阳区,shop,31,117\n`).errors).toEqual([{ line: 2, message: 'a quoted field is not closed' }]);
  });
});
