import { act, fireEvent, render } from '@testing-library/react';
import TracePage from '../src/packageVenues/pages/trace/index';
import { saveTextFile as copyToClipboard } from '../src/platform/text-file.weapp';
import Taro from '@tarojs/taro';
import { withCheckChar } from '@govpass/shared-types';
import { setRouterParams } from '../test-doubles/taro';
import { citizen, fakeServer, signedIn } from './helpers';
import { official, traceAnswer, VENUES } from './venue-fixtures';

const byId = (id: string) => document.getElementById(id);
const text = (id: string) => byId(id)?.textContent ?? null;
const tap = (id: string) => fireEvent.click(byId(id)!);
const type = (id: string, value: string) => fireEvent.change(byId(id)!, { target: { value } });
const NOW = Date.parse('2026-12-05T01:30:00.000Z');
const CASE_ID = withCheckChar('11010119900307001');

function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.readAsText(blob);
  });
}

async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 6; i += 1) await Promise.resolve();
  });
}

describe('流调 page (health officials)', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    signedIn(official);
  });
  afterEach(() => jest.useRealTimers());

  it('marks a case over the window in China days and shows the report with masked names only', async () => {
    fakeServer.on('POST', VENUES.traces, fakeServer.json(201, traceAnswer()));
    render(<TracePage />);

    expect((byId('trace-from-input') as HTMLInputElement).value).toBe('2026-12-01');
    expect((byId('trace-until-input') as HTMLInputElement).value).toBe('2026-12-05');
    tap('trace-submit');
    await flush();
    expect(text('trace-id-number-error')).toBe('身份证号应为18位数字（末位可为X）');
    expect(fakeServer.requests).toHaveLength(0);

    type('trace-id-number-input', CASE_ID);
    tap('trace-submit');
    await flush();

    expect(fakeServer.requestsTo(VENUES.traces)[0].data).toEqual({ idNumber: CASE_ID, from: '2026-12-01T00:00:00+08:00', until: '2026-12-05T23:59:59+08:00' });
    expect(text('trace-case')).toBe('病例：赵*（3401**********1234）');
    expect(text('trace-venue-count')).toBe('1');
    expect(text('trace-exposed-count')).toBe('2');
    const venues = text('trace-venues') ?? '';
    expect(venues).toContain('幸福里菜市场');
    expect(venues).toContain('王* · 12月4日 10:10 登记');
    expect(venues).toContain('李** · 12月4日 11:00 登记');
    expect(venues).toContain('排查 09:30–12:00');
    expect(document.body.textContent).not.toContain(CASE_ID);
  });

  it('reopens a trace by id and exports its CSV as a download on H5', async () => {
    setRouterParams({ id: 'tr-1' });
    fakeServer.on('GET', VENUES.trace('tr-1'), fakeServer.json(200, traceAnswer({ rerun: true, newlyExposed: 0 })));
    fakeServer.on('GET', VENUES.traceCsv('tr-1'), fakeServer.json(200, 'venue,name\r\n幸福里菜市场,王*\r\n'));
    const blobs: Blob[] = [];
    URL.createObjectURL = jest.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:trace';
    });
    URL.revokeObjectURL = jest.fn();
    const clicks: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    render(<TracePage />);
    await flush();

    expect(text('trace-run')).toBe('此前已流调过，本次新增 0 人');
    tap('trace-export');
    await flush();
    expect(clicks).toEqual(['流调报告-tr-1.csv']);
    expect(await blobText(blobs[0])).toContain('幸福里菜市场,王*');
    expect(text('trace-exported')).toBe('已下载CSV文件');
    click.mockRestore();

    tap('trace-new');
    expect(byId('trace-form')).not.toBeNull();
  });

  it('shows an unknown person as such, and keeps citizens out', async () => {
    fakeServer.on('POST', VENUES.traces, fakeServer.error(404, 'PERSON_NOT_FOUND'));
    const page = render(<TracePage />);
    type('trace-id-number-input', CASE_ID);
    tap('trace-submit');
    await flush();
    expect(text('trace-error')).toBe('未查到此人信息，请核对身份证号');
    page.unmount();

    signedIn(citizen);
    render(<TracePage />);
    expect(text('role-required')).toContain('仅卫健工作人员可使用此功能');
  });

  it('on mini-programs the export goes to the clipboard instead', async () => {
    await expect(copyToClipboard('x.csv', 'a,b')).resolves.toBe('copied');
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'a,b' });
  });
});
