import type { TraceReport } from '@govpass/shared-types';
import { traceCsv } from './trace-csv';
import { exposureReason, visitText } from './trace-service';

const report: TraceReport = {
  id: 't-1',
  caseMaskedName: '张*',
  caseMaskedIdNumber: '3401**********123X',
  from: '2026-12-02T01:00:00.000Z',
  until: '2026-12-02T07:00:00.000Z',
  note: null,
  createdAt: '2026-12-04T02:00:00.000Z',
  ranAt: '2026-12-04T02:00:00.000Z',
  venues: [{ venueId: 'v-1', venueName: '超市, "东"', district: '庐阳区', caseCheckedInAt: '2026-12-02T02:00:00.000Z', windowFrom: '', windowUntil: '', exposedCount: 1 }],
  exposed: [{ personId: 'p-2', maskedName: '=李*', venueId: 'v-1', venueName: '超市, "东"', checkedInAt: '2026-12-02T02:10:00.000Z' }],
  exposedCount: 1,
};

describe('trace report CSV and texts', () => {
  it('quotes cells, neutralises formulas, starts with a BOM', () => {
    const csv = traceCsv(report);
    expect(csv.startsWith('\uFEFF流调编号,')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe("t-1,张*,\"超市, \"\"东\"\"\",v-1,2026-12-02T02:00:00.000Z,'=李*,2026-12-02T02:10:00.000Z");
  });

  it('names the venue and the China time', () => {
    expect(visitText('便民超市', Date.parse('2026-12-02T01:30:00Z'))).toBe('12月02日 09:30 便民超市');
    expect(exposureReason('便民超市', Date.parse('2026-12-02T01:30:00Z'))).toBe('您12-02 09:30到过便民超市（有病例活动）');
  });
});
