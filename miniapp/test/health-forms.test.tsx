import { act, fireEvent, render, waitFor } from '@testing-library/react';
import DeclarePage from '../src/packageHealth/pages/declare/index';
import AppealPage from '../src/packageHealth/pages/appeal/index';
import PrintedCodePage from '../src/packageHealth/pages/printed/index';
import { elderlyModeStore } from '../src/store/elderly-mode';
import { setRouterParams } from '../test-doubles/taro';
import { fakeServer, signedIn } from './helpers';
import { appeal, HEALTH } from './health-fixtures';

const byId = (id: string) => document.getElementById(id);
const text = (id: string) => byId(id)?.textContent ?? null;
const type = (id: string, value: string) => fireEvent.change(byId(id)!, { target: { value } });
async function tap(id: string): Promise<void> {
  await act(async () => {
    fireEvent.click(byId(id)!);
  });
}

describe('健康申报 page', () => {
  beforeEach(() => {
    signedIn();
    act(() => elderlyModeStore.set(false));
  });

  it('sends the ticked symptoms and travel for the family member, and shows the resulting colour with reasons', async () => {
    setRouterParams({ personId: 'p-mum' });
    fakeServer.on(
      'POST',
      HEALTH.declarations,
      fakeServer.json(201, {
        id: 'd-1',
        date: '2026-12-04',
        status: {
          colour: 'yellow',
          reasons: [{ rule: 'symptom', text: '申报有发热症状', greenCondition: '核酸检测阴性后转绿', until: null }],
          greenFrom: null,
          computedAt: '2026-12-04T08:00:00.000Z',
        },
      }),
    );
    render(<DeclarePage />);

    await tap('symptom-fever');
    await tap('symptom-cough');
    await tap('symptom-cough'); // untick
    expect(byId('symptom-fever')?.getAttribute('data-checked')).toBe('true');
    await tap('travel-add');
    type('travel-0-district', '武汉市江岸区');
    type('travel-0-date', '2026-12-01');
    await tap('declare-submit');

    await waitFor(() => expect(byId('declare-result')).not.toBeNull());
    expect(fakeServer.requestsTo(HEALTH.declarations)[0].data).toEqual({
      personId: 'p-mum',
      symptoms: ['fever'],
      travel: [{ district: '武汉市江岸区', date: '2026-12-01' }],
    });
    expect(text('declare-colour')).toBe('黄码');
    expect(byId('health-reasons')?.textContent).toContain('申报有发热症状');
  });

  it('names the travel row that is wrong and sends nothing', async () => {
    render(<DeclarePage />);
    await tap('travel-add');
    type('travel-0-district', '江岸区');
    type('travel-0-date', '12月1日');
    await tap('declare-submit');

    expect(text('declare-error')).toMatch(/^第1条行程：/);
    expect(fakeServer.requestsTo(HEALTH.declarations)).toHaveLength(0);
  });
});

describe('申诉 page', () => {
  beforeEach(() => signedIn());

  it('lists my appeals with their outcome and files a new one', async () => {
    fakeServer.on(
      'GET',
      HEALTH.appeals,
      fakeServer.json(200, { items: [appeal({ id: 'ap-0', status: 'overridden', overrideColour: 'green', overrideUntil: '2026-12-31', decisionNote: '核实后改为绿码' })] }),
    );
    fakeServer.on('POST', HEALTH.appeals, fakeServer.json(201, { appeal: appeal({ id: 'ap-2' }) }));
    render(<AppealPage />);
    await waitFor(() => expect(byId('appeal-ap-0')).not.toBeNull());
    expect(text('appeal-ap-0-override')).toBe('已改为绿码，至2026年12月31日');
    expect(byId('appeal-ap-0')?.textContent).toContain('处理意见：核实后改为绿码');

    type('appeal-reason', '短');
    await tap('appeal-submit');
    expect(text('appeal-error')).toBe('申诉理由至少5个字');

    type('appeal-reason', '我没有去过该地区，请核实');
    await tap('appeal-submit');

    await waitFor(() => expect(byId('appeal-ap-2')).not.toBeNull());
    expect(fakeServer.requestsTo(HEALTH.appeals).find((r) => r.method === 'POST')?.data).toEqual({ reason: '我没有去过该地区，请核实' });
  });

  it('says when an appeal is already open', async () => {
    fakeServer.on('GET', HEALTH.appeals, fakeServer.json(200, { items: [] }));
    fakeServer.on('POST', HEALTH.appeals, fakeServer.error(409, 'APPEAL_ALREADY_OPEN'));
    render(<AppealPage />);
    type('appeal-reason', '我没有去过该地区，请核实');
    await tap('appeal-submit');
    await waitFor(() => expect(text('appeal-error')).toBe('您已有一条正在处理的申诉，请耐心等待结果'));
  });
});

describe('离线码 page', () => {
  beforeEach(() => signedIn());

  it('issues a card and shows it big with 打印 on H5', async () => {
    const printSpy = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    const printed = { id: 'pc-1', code: 'GPC1.card.sig', maskedName: '王*', issuedAt: '2026-12-04T08:00:00.000Z', expiresAt: '2027-06-04T08:00:00.000Z', revokedAt: null };
    fakeServer.on('POST', HEALTH.printed, fakeServer.json(201, { printed }));
    render(<PrintedCodePage />);

    await tap('printed-issue');

    await waitFor(() => expect(text('printed-name')).toBe('王*'));
    expect(byId('printed-qr')?.getAttribute('data-code')).toBe('GPC1.card.sig');
    await tap('printed-print');
    expect(printSpy).toHaveBeenCalled();
    printSpy.mockRestore();
  });
});
