import { act, fireEvent, render, waitFor } from '@testing-library/react';
import HealthImportPage from '../src/packageHealth/pages/import/index';
import AppealsAdminPage from '../src/packageHealth/pages/appeals-admin/index';
import { elderlyModeStore } from '../src/store/elderly-mode';
import { citizen, fakeServer, signedIn } from './helpers';
import { appeal, HEALTH, job, official } from './health-fixtures';

const byId = (id: string) => document.getElementById(id);
const text = (id: string) => byId(id)?.textContent ?? null;
const type = (id: string, value: string) => fireEvent.change(byId(id)!, { target: { value } });
async function tap(id: string): Promise<void> {
  await act(async () => {
    fireEvent.click(byId(id)!);
  });
}

describe('数据导入 page (officials)', () => {
  beforeEach(() => {
    signedIn(official);
    act(() => elderlyModeStore.set(false));
    fakeServer.on('GET', HEALTH.riskAreas, fakeServer.json(200, { areas: [{ district: '江岸区', level: 'high', from: '2026-11-30', until: null }] }));
  });
  afterEach(() => jest.useRealTimers());

  it('imports a pasted list of the chosen type and shows bad rows by line', async () => {
    fakeServer.on(
      'POST',
      HEALTH.lists,
      fakeServer.error(422, 'IMPORT_INVALID', [
        { line: 3, message: '身份证号最后一位不对，请核对' },
        { line: 7, message: '日期格式应为YYYY-MM-DD' },
      ]),
      fakeServer.json(200, { imported: 2, changed: 1 }),
    );
    render(<HealthImportPage />);

    await tap('import-target-confirmed');
    type('import-csv', 'idNumber,date,releasedOn\n1,2,\n');
    await tap('import-submit');

    await waitFor(() => expect(byId('import-errors')).not.toBeNull());
    const lines = Array.from(byId('import-errors')!.querySelectorAll('[data-line]')).map((e) => e.textContent);
    expect(lines).toEqual(['第3行：身份证号最后一位不对，请核对', '第7行：日期格式应为YYYY-MM-DD']);
    expect(fakeServer.requestsTo(HEALTH.lists)[0].data).toEqual({ list: 'confirmed', csv: 'idNumber,date,releasedOn\n1,2,\n' });

    await tap('import-submit');
    await waitFor(() => expect(text('import-done')).toBe('已导入2条，1人颜色变化'));
    expect(byId('import-errors')).toBeNull();
  });

  it('sends test results to their own route', async () => {
    fakeServer.on('POST', HEALTH.tests, fakeServer.json(200, { imported: 5, changed: 0 }));
    render(<HealthImportPage />);
    await tap('import-target-tests');
    type('import-csv', 'idNumber,result,sampledAt\n');
    await tap('import-submit');
    await waitFor(() => expect(text('import-done')).toBe('已导入5条，0人颜色变化'));
    expect(fakeServer.requestsTo(HEALTH.tests)[0].data).toEqual({ csv: 'idNumber,result,sampledAt\n' });
  });

  it('saves risk areas and follows the re-evaluation job until it is done', async () => {
    jest.useFakeTimers();
    fakeServer.on('PUT', HEALTH.setRiskAreas, fakeServer.json(202, { job: job({ status: 'queued', done: 0 }) }));
    fakeServer.on('GET', HEALTH.job('job-1'), fakeServer.json(200, { job: job({ done: 100 }) }), fakeServer.json(200, { job: job({ status: 'done', done: 200, changed: 9 }) }));
    render(<HealthImportPage />);
    await waitFor(() => expect((byId('area-0-district') as HTMLInputElement | null)?.value).toBe('江岸区'));

    await tap('area-add');
    type('area-1-district', '洪山区');
    await tap('area-1-high');
    type('area-1-from', '2026-12-02');
    await tap('areas-save');

    expect(fakeServer.requestsTo(HEALTH.setRiskAreas)[0].data).toEqual({
      areas: [
        { district: '江岸区', level: 'high', from: '2026-11-30', until: null },
        { district: '洪山区', level: 'high', from: '2026-12-02', until: null },
      ],
    });
    expect(byId('job-progress')?.getAttribute('data-status')).toBe('queued');
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    await waitFor(() => expect(byId('job-progress')?.getAttribute('data-percent')).toBe('50'));
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    await waitFor(() => expect(byId('job-progress')?.getAttribute('data-status')).toBe('done'));
    expect(text('job-progress')).toContain('200/200，9人颜色变化');
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    expect(fakeServer.requestsTo(HEALTH.job('job-1'))).toHaveLength(2);
  });

  it('names the risk-area row that is wrong', async () => {
    render(<HealthImportPage />);
    await waitFor(() => expect(byId('area-0')).not.toBeNull());
    type('area-0-from', 'yesterday');
    await tap('areas-save');
    expect(text('areas-error')).toMatch(/^第1行：/);
    expect(fakeServer.requestsTo(HEALTH.setRiskAreas)).toHaveLength(0);
  });

  it('is for health officials only', () => {
    signedIn(citizen);
    render(<HealthImportPage />);
    expect(byId('role-required')).not.toBeNull();
  });
});

describe('申诉处理 page (officials)', () => {
  beforeEach(() => signedIn(official));

  it('flags overdue appeals and overrides one with colour, date and note', async () => {
    fakeServer.on('GET', HEALTH.appealQueue, fakeServer.json(200, { items: [appeal({ id: 'ap-1', overdue: true }), appeal({ id: 'ap-2' })] }));
    fakeServer.on(
      'POST',
      '/api/v1/admin/health/appeals/ap-1/decision',
      fakeServer.json(200, { appeal: appeal({ id: 'ap-1', status: 'overridden', overrideColour: 'green', overrideUntil: '2026-12-31' }) }),
    );
    render(<AppealsAdminPage />);
    await waitFor(() => expect(byId('appeal-ap-1')).not.toBeNull());
    expect(fakeServer.requestsTo(HEALTH.appealQueue)[0].url).toBe(`http://api.test${HEALTH.appealQueue}?status=open`);
    expect(text('appeal-ap-1-overdue')).toBe('已超24小时');
    expect(byId('appeal-ap-2-overdue')).toBeNull();
    expect(text('queue-overdue')).toBe('1条申诉已超过24小时未处理');

    await tap('decide-ap-1-override');
    expect(text('decide-ap-1-error')).toBeTruthy();

    type('decide-ap-1-note', '核实未去过风险地区');
    await tap('decide-ap-1-colour-green');
    type('decide-ap-1-until', '2026-12-31');
    await tap('decide-ap-1-override');

    await waitFor(() => expect(byId('appeal-ap-1')).toBeNull());
    expect(fakeServer.requestsTo('/api/v1/admin/health/appeals/ap-1/decision')[0].data).toEqual({
      outcome: 'overridden',
      note: '核实未去过风险地区',
      colour: 'green',
      until: '2026-12-31',
    });
  });

  it('upholds with a note', async () => {
    fakeServer.on('GET', HEALTH.appealQueue, fakeServer.json(200, { items: [appeal({ id: 'ap-3' })] }));
    fakeServer.on('POST', '/api/v1/admin/health/appeals/ap-3/decision', fakeServer.json(200, { appeal: appeal({ id: 'ap-3', status: 'upheld' }) }));
    render(<AppealsAdminPage />);
    await waitFor(() => expect(byId('appeal-ap-3')).not.toBeNull());
    type('decide-ap-3-note', '名单核实无误，维持');
    await tap('decide-ap-3-uphold');
    await waitFor(() => expect(text('queue-empty')).toBe('没有待处理的申诉'));
    expect(fakeServer.requestsTo('/api/v1/admin/health/appeals/ap-3/decision')[0].data).toEqual({ outcome: 'upheld', note: '名单核实无误，维持' });
  });
});
