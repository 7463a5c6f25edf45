import { act, fireEvent, render, renderHook, waitFor } from '@testing-library/react';
import type { Pharmacy, RoleGrantRow } from '@govpass/shared-types';
import AdminPharmaciesPage from '../src/packageAdmin/pages/pharmacies/index';
import AdminRolesPage from '../src/packageAdmin/pages/roles/index';
import AdminLedgerPage from '../src/packageAdmin/pages/ledger/index';
import AdminRoundsPage from '../src/packageAdmin/pages/rounds/index';
import AdminAuditPage from '../src/packageAdmin/pages/audit/index';
import { useServerPage } from '../src/packageAdmin/hooks/use-server-page';
import { csvDataRows } from '../src/packageAdmin/hooks/use-pharmacy-import';
import { ledgerLines } from '../src/packageAdmin/lib/ledger-view';
import { matchesSearch, pageOf } from '../src/packageAdmin/lib/paging';
import { describeRowError } from '../src/packageAdmin/lib/row-errors';
import { OperatorEntries } from '../src/pages/profile/operator-entries';
import { elderlyModeStore } from '../src/store/elderly-mode';
import { citizen, fakeServer, signedIn } from './helpers';

const admin = { id: 'acc-admin', verified: false, roles: [{ role: 'citizen' as const, scopeId: null }, { role: 'admin' as const, scopeId: null }] };
const byId = (id: string) => document.getElementById(id);
const text = (id: string) => byId(id)?.textContent ?? null;
const type = (id: string, value: string) => fireEvent.change(byId(id)!, { target: { value } });
async function tap(id: string): Promise<void> {
  await act(async () => {
    fireEvent.click(byId(id)!);
  });
}
const paged = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: Math.max(1, items.length) });
/** The API's paging and search of pharmacies, over `all`. */
const pharmacyServer = (all: Pharmacy[]) => (req: { url: string }) => {
  const q = new URL(req.url, 'http://x').searchParams;
  const page = Number(q.get('page') ?? 1);
  const size = Number(q.get('pageSize') ?? all.length);
  const words = (q.get('q') ?? '').split(/\s+/).filter(Boolean);
  const hits = all.filter((p) => words.every((w) => [p.id, p.name, p.district, p.address, p.phone].join(' ').includes(w)));
  return fakeServer.json(200, { items: hits.slice((page - 1) * size, page * size), total: hits.length, page, pageSize: size });
};
const pharmacy = (i: number): Pharmacy => ({ id: `ph-${String(i).padStart(3, '0')}`, name: i === 7 ? '益丰大药房（人民路店）' : `同仁堂${i}号店`, address: `中山路${i}号`, district: i % 2 ? '江岸区' : '武昌区', lat: 30.6, lng: 114.3, phone: '027-1', openingHours: '08:00-22:00' });

describe('console paging and search (pure)', () => {
  it('pages a list, clamping a page past the end to the last', () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    expect(pageOf(items, 1, 10)).toEqual({ rows: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], page: 1, pages: 3, total: 23 });
    expect(pageOf(items, 3, 10).rows).toEqual([20, 21, 22]);
    expect(pageOf(items, 9, 10).page).toBe(3);
    expect(pageOf([], 1, 10)).toEqual({ rows: [], page: 1, pages: 1, total: 0 });
  });

  it('matches every word in any field, ignoring case', () => {
    expect(matchesSearch(['PH-007', '益丰大药房', '江岸区'], 'ph-007')).toBe(true);
    expect(matchesSearch(['PH-007', '益丰大药房', '江岸区'], '益丰 江岸')).toBe(true);
    expect(matchesSearch(['PH-007', '益丰大药房', '江岸区'], '益丰 武昌')).toBe(false);
  });

  it('counts the data rows a CSV import will process', () => {
    expect(csvDataRows('id,name\r\na,b\r\n\r\nc,d\n')).toBe(2);
    expect(csvDataRows('')).toBe(0);
  });
});

describe('CSV row errors in plain Chinese', () => {
  it.each([
    ['latitude must be a decimal number', '纬度(latitude)应填数字，例如 31.2304'],
    ['name is required; phone is longer than 32 characters', '名称(name)没有填写；电话(phone)太长，最多32个字'],
    ['longitude must be between -180 and 180', '经度(longitude)应在-180到180之间'],
    ['expected 8 fields, found 7', '这一行有7项，应为8项（检查逗号是否多了或少了）'],
    ['duplicate id ph-1 (first on line 2)', '编号 ph-1 与第2行重复'],
    ['missing column(s): phone, openingHours (expected header id,name)', '表头缺少：电话(phone)、营业时间(openingHours)；（表头应为 id,name）'],
    ['a quoted field is not closed', '引号没有配对（有一个 " 没有结束）'],
    ['something new', 'something new'],
  ])('%s', (message, chinese) => {
    expect(describeRowError(message)).toBe(chinese);
  });
});

describe('ledger lines', () => {
  it('attaches each violation to its round × pharmacy, a round-wide one to every row of the round', () => {
    const row = (roundId: string, pharmacyId: string) => ({ roundId, roundName: roundId, pickupDate: '2026-12-07', pharmacyId, quota: 10, rolledIn: 0, unbookedOut: 0, reserved: 3, redeemed: 1, expired: 0, cancelled: 0, cancelledReturned: 0, outstanding: 2, remaining: 7, remainingSource: 'hot-path' as const });
    const lines = ledgerLines({
      rows: [row('r1', 'ph-1'), row('r1', 'ph-2'), row('r2', 'ph-1')],
      violations: [
        { rule: 'supply', roundId: 'r1', pharmacyId: 'ph-2', detail: 'x' },
        { rule: 'carry', roundId: 'r2', pharmacyId: null, detail: 'y' },
      ],
      notes: [],
    });
    expect(lines.map((l) => l.problems.map((p) => p.rule))).toEqual([[], ['supply'], ['carry']]);
  });
});

describe('useServerPage', () => {
  it('asks for the page shown, goes back to page 1 on new filters, and drops a superseded answer', async () => {
    const resolvers: ((v: { items: string[]; total: number; page: number; pageSize: number }) => void)[] = [];
    const calls: [string, number][] = [];
    const load = (f: string, page: number) =>
      new Promise<{ items: string[]; total: number; page: number; pageSize: number }>((resolve) => {
        calls.push([f, page]);
        resolvers.push(resolve);
      });
    const { result } = renderHook(() => useServerPage<string, string>(load, 'all'));
    await act(async () => resolvers[0]({ items: ['a', 'b'], total: 5, page: 1, pageSize: 2 }));
    expect(result.current.pages).toBe(3);
    act(() => result.current.setPage(2));
    act(() => result.current.apply('role.'));
    expect(calls).toEqual([['all', 1], ['all', 2], ['role.', 1]]);
    await act(async () => resolvers[2]({ items: ['r'], total: 1, page: 1, pageSize: 2 }));
    await act(async () => resolvers[1]({ items: ['stale'], total: 5, page: 2, pageSize: 2 }));
    expect(result.current.rows).toEqual(['r']);
    expect(result.current.page).toBe(1);
  });
});

describe('药店管理 page', () => {
  beforeEach(() => {
    signedIn(admin);
    act(() => elderlyModeStore.set(false));
    fakeServer.on('GET', '/api/v1/admin/pharmacies', pharmacyServer(Array.from({ length: 25 }, (_, i) => pharmacy(i + 1))));
  });

  it('asks the server for one page at a time and for the search, back on page 1', async () => {
    render(<AdminPharmaciesPage />);
    await waitFor(() => expect(text('pharmacy-pager')).toContain('第 1/3 页，共 25 条'));
    await tap('pharmacy-pager-next');
    await waitFor(() => expect(text('pharmacy-pager')).toContain('第 2/3 页'));
    expect(text('pharmacy-table')).toContain('ph-011');
    // Typed key by key: the server is asked once, after the pause, for the whole word.
    type('pharmacy-search', '益');
    type('pharmacy-search', '益丰');
    await waitFor(() => expect(text('pharmacy-pager')).toContain('第 1/1 页，共 1 条'));
    expect(byId('pharmacy-table')!.querySelectorAll('[data-row]')).toHaveLength(1);
    const urls = fakeServer.requestsTo('/api/v1/admin/pharmacies').map((r) => new URL(r.url, 'http://x').searchParams.toString());
    expect(urls).toEqual(['page=1&pageSize=10', 'page=2&pageSize=10', `page=1&pageSize=10&q=${encodeURIComponent('益丰')}`]);
  });

  it('shows an import refused for one bad row by line, in Chinese, with the progress failed; then a good import', async () => {
    fakeServer.on(
      'POST',
      '/api/v1/admin/pharmacies/import',
      fakeServer.error(422, 'IMPORT_INVALID', [{ line: 3, message: 'latitude must be a decimal number' }]),
      fakeServer.json(200, { rows: 2, created: 1, updated: 1, unchanged: 0 }),
    );
    render(<AdminPharmaciesPage />);
    type('import-csv', 'id,name,address,district,latitude,longitude,phone,openingHours\na\nb\n');
    await tap('import-submit');
    await waitFor(() => expect(byId('import-errors')).not.toBeNull());
    expect(Array.from(byId('import-errors')!.querySelectorAll('[data-line]')).map((e) => e.textContent)).toEqual(['第3行：纬度(latitude)应填数字，例如 31.2304']);
    expect(byId('import-progress')!.dataset.state).toBe('failed');
    await tap('import-submit');
    await waitFor(() => expect(byId('import-progress')!.dataset.percent).toBe('100'));
    expect(text('import-progress')).toContain('已处理 2 行：新增 1，更新 1，未变 0');
    expect(byId('import-errors')).toBeNull();
  });

  it('tells a citizen the console is for administrators', () => {
    signedIn(citizen);
    render(<AdminPharmaciesPage />);
    expect(text('role-required')).toContain('仅管理员可使用管理后台');
  });
});

describe('角色授权 page', () => {
  const grant: RoleGrantRow = { accountId: 'acc-9', role: 'pharmacist', scopeId: 'ph-001', grantedBy: 'acc-admin', grantedAt: 1_764_900_000_000 };
  beforeEach(() => {
    signedIn(admin);
    fakeServer.on('GET', '/api/v1/admin/roles', fakeServer.json(200, { items: [grant], total: 1, page: 1, pageSize: 10 }));
  });

  it('grants only after the confirmation, and a scoped role needs its place', async () => {
    fakeServer.on('POST', '/api/v1/admin/roles', fakeServer.json(201, { accountId: 'acc-5', roles: [{ role: 'citizen', scopeId: null }, { role: 'pharmacist', scopeId: 'ph-002' }] }));
    render(<AdminRolesPage />);
    type('grant-account', 'acc-5');
    await tap('grant-submit');
    expect(text('role-error')).toContain('所属场所');
    type('grant-scope', 'ph-002');
    await tap('grant-submit');
    expect(text('role-confirm')).toContain('授予账号 acc-5 的“药店核销员（ph-002）”角色？');
    expect(fakeServer.requestsTo('/api/v1/admin/roles').filter((r) => r.method === 'POST')).toHaveLength(0);
    await tap('role-confirm-ok');
    await waitFor(() => expect(text('role-done')).toBe('已授权'));
    expect(fakeServer.requestsTo('/api/v1/admin/roles').filter((r) => r.method === 'POST')[0].data).toEqual({ accountId: 'acc-5', role: 'pharmacist', scopeId: 'ph-002' });
  });

  it('finds the account by ID number (checked first), shows it masked, and the grant form takes the one picked', async () => {
    const found = { accountId: 'acc-77', maskedName: '李**', idLast4: '123X', platform: 'weapp', createdAt: Date.parse('2026-12-01T02:00:00Z'), roles: [{ role: 'verifier', scopeId: null }] };
    fakeServer.on('GET', '/api/v1/admin/accounts', fakeServer.json(200, { by: 'id_number', items: [found] }));
    fakeServer.on('POST', '/api/v1/admin/roles', fakeServer.json(201, { accountId: 'acc-77', roles: [{ role: 'citizen', scopeId: null }, { role: 'admin', scopeId: null }] }));
    render(<AdminRolesPage />);
    type('account-search-q', '11010519491231002'.concat('8'));
    await tap('account-search-submit');
    expect(text('account-search-error')).toContain('身份证号');
    expect(fakeServer.requestsTo('/api/v1/admin/accounts')).toHaveLength(0);
    type('account-search-q', '11010519491231002X');
    await tap('account-search-submit');
    await waitFor(() => expect(byId('account-acc-77')).not.toBeNull());
    expect(text('account-acc-77')).toContain('李** · 尾号 123X · 微信小程序 · 2026-12-01 注册（已有：核验员）');
    expect(new URL(fakeServer.requestsTo('/api/v1/admin/accounts')[0].url, 'http://x').searchParams.get('q')).toBe('11010519491231002X');
    await tap('account-pick-acc-77');
    expect((byId('grant-account') as HTMLInputElement).value).toBe('acc-77');
    await tap('grant-role-admin');
    await tap('grant-submit');
    expect(text('role-confirm')).toContain('授予“李** · 尾号 123X · 微信小程序 · 2026-12-01 注册”的“管理员”角色？');
    await tap('role-confirm-ok');
    await waitFor(() => expect(text('role-done')).toBe('已授权'));
    expect(fakeServer.requestsTo('/api/v1/admin/roles').filter((r) => r.method === 'POST')[0].data).toEqual({ accountId: 'acc-77', role: 'admin', scopeId: null });
  });

  it('revokes after the confirmation', async () => {
    fakeServer.on('POST', '/api/v1/admin/roles/revoke', fakeServer.json(200, { accountId: 'acc-9', roles: [{ role: 'citizen', scopeId: null }] }));
    render(<AdminRolesPage />);
    await waitFor(() => expect(byId('revoke-acc-9-pharmacist')).not.toBeNull());
    await tap('revoke-acc-9-pharmacist');
    await tap('role-confirm-ok');
    await waitFor(() => expect(text('role-done')).toBe('已撤销'));
    expect(fakeServer.requestsTo('/api/v1/admin/roles/revoke')[0].data).toEqual({ accountId: 'acc-9', role: 'pharmacist', scopeId: 'ph-001' });
  });
});

describe('我的 → 工作台', () => {
  it('lists 管理后台 for an administrator and nothing for a citizen', () => {
    const { unmount } = render(<OperatorEntries roles={admin.roles} />);
    expect(text('profile-work-adminConsole')).toContain('管理后台');
    unmount();
    render(<OperatorEntries roles={citizen.roles} />);
    expect(byId('profile-work')).toBeNull();
  });
});

describe('台账核对 page', () => {
  it('puts a row that breaks a rule first, in red, with the rule named', async () => {
    signedIn(admin);
    const row = (pharmacyId: string, remaining: number) => ({ roundId: 'r1', roundName: '第1轮', pickupDate: '2026-12-07', pharmacyId, quota: 10, rolledIn: 0, unbookedOut: 0, reserved: 3, redeemed: 1, expired: 0, cancelled: 0, cancelledReturned: 0, outstanding: 2, remaining, remainingSource: 'hot-path' });
    // The server puts the rows a violation names first and pages the rows (30 here, 12 a page).
    fakeServer.on('GET', '/api/v1/admin/masks/ledger', fakeServer.json(200, { rows: [row('ph-2', 9), row('ph-1', 7)], total: 30, page: 1, pageSize: 12, violations: [{ rule: 'supply', roundId: 'r1', pharmacyId: 'ph-2', detail: 'quota 10 + rolled_in 0 = 10, but reserved 3 + remaining 9 = 12' }], notes: [] }));
    render(<AdminLedgerPage />);
    await waitFor(() => expect(text('ledger-summary')).toBe('发现 1 处不符，已标红'));
    expect(text('ledger-pager')).toContain('第 1/3 页，共 30 条');
    type('ledger-date', '2026-12-07');
    await tap('ledger-apply');
    await waitFor(() => expect(fakeServer.requestsTo('/api/v1/admin/masks/ledger')).toHaveLength(2));
    expect(fakeServer.requestsTo('/api/v1/admin/masks/ledger').map((r) => new URL(r.url, 'http://x').searchParams.toString())).toEqual(['page=1&pageSize=12', 'page=1&pageSize=12&pickupDate=2026-12-07']);
    const rows = Array.from(byId('ledger-table')!.querySelectorAll<HTMLElement>('[data-row]'));
    expect(rows.map((r) => [r.dataset.row, r.dataset.flagged])).toEqual([['r1:ph-2', 'yes'], ['r1:ph-1', 'no']]);
    expect(rows[0].textContent).toContain('配额+转入 ≠ 已预约+未约转出+剩余');
  });
});

describe('轮次与配额 page', () => {
  const round = (id: string, status: 'upcoming' | 'open' | 'closed', mode: 'first_come' | 'lottery') => ({ id, name: `轮次${id}`, status, opensAt: '2026-12-05T00:00:00.000Z', closesAt: '2026-12-05T12:00:00.000Z', pickupDate: '2026-12-06', quantityPerPerson: 5, mode, repeatDays: 7 });
  beforeEach(() => {
    signedIn(admin);
    fakeServer.on('GET', '/api/v1/admin/pharmacies', fakeServer.json(200, paged([pharmacy(1), pharmacy(2), pharmacy(3)])));
    fakeServer.on('GET', '/api/v1/admin/masks/rounds', fakeServer.json(200, paged([round('r2', 'closed', 'lottery'), round('r1', 'closed', 'first_come')])));
  });

  it('draws a closed lottery round only after the confirmation, showing the steps and the outcome', async () => {
    fakeServer.on('POST', '/api/v1/admin/masks/rounds/r2/draw', fakeServer.json(200, { roundId: 'r2', seed: 'seed-123456', drawnAt: 1, applications: 12, winners: 10, losers: 1, ineligible: 1, pharmacies: [], hotPath: { synced: true } }));
    render(<AdminRoundsPage />);
    await waitFor(() => expect(byId('round-draw-r2')).not.toBeNull());
    expect(byId('round-draw-r1')).toBeNull();
    await tap('round-draw-r2');
    expect(text('draw-confirm')).toContain('现在为“轮次r2”抽签吗？');
    expect(fakeServer.requestsTo('/api/v1/admin/masks/rounds/r2/draw')).toHaveLength(0);
    await tap('draw-confirm-ok');
    await waitFor(() => expect(byId('draw-progress')!.dataset.percent).toBe('100'));
    expect(text('draw-progress')).toContain('共 12 人申请：中签 10，未中 1，因已在别处预约未参加 1；种子 seed-123456');
  });

  it('closes an open round early only with a reason and after the confirmation, and says what happened', async () => {
    fakeServer.on('GET', '/api/v1/admin/masks/rounds', fakeServer.json(200, paged([round('r4', 'open', 'first_come'), { ...round('r5', 'closed', 'first_come'), cancelledAt: '2026-12-05T01:00:00.000Z' }])));
    fakeServer.on('POST', '/api/v1/admin/masks/rounds/r4/close', fakeServer.json(200, { round: round('r4', 'closed', 'first_come'), reservationsCancelled: 0, applicationsCancelled: 0, notified: 7, alreadyDone: false }));
    render(<AdminRoundsPage />);
    await waitFor(() => expect(byId('round-close-r4')).not.toBeNull());
    // A cancelled round offers nothing more; only an open one can be closed early.
    expect(byId('round-cancel-r5')).toBeNull();
    expect(byId('round-close-r5')).toBeNull();
    await tap('round-close-r4');
    expect(text('round-action-confirm')).toContain('确定提前结束“轮次r4”吗？');
    expect(fakeServer.requestsTo('/api/v1/admin/masks/rounds/r4/close')).toHaveLength(0);
    type('round-action-reason', '到货延迟');
    await tap('round-action-confirm-ok');
    await waitFor(() => expect(byId('round-action-outcome')).not.toBeNull());
    expect(fakeServer.requestsTo('/api/v1/admin/masks/rounds/r4/close')[0].data).toEqual({ reason: '到货延迟' });
    expect(text('round-action-outcome')).toContain('已通知 7 人');
    expect(byId('round-action')).toBeNull();
  });

  it('edits an upcoming round: prefilled in China time, only the changes sent, checked first, progress and success shown', async () => {
    const upcoming = { ...round('r6', 'upcoming', 'first_come'), opensAt: '2026-12-07T00:00:00.000Z', closesAt: '2026-12-07T12:00:00.000Z', pickupDate: '2026-12-08' };
    fakeServer.on('GET', '/api/v1/admin/masks/rounds', fakeServer.json(200, paged([upcoming, round('r4', 'open', 'first_come')])));
    fakeServer.on('PATCH', '/api/v1/admin/masks/rounds/r6', fakeServer.json(200, { round: { ...upcoming, name: '周一补充轮', closesAt: '2026-12-07T13:00:00.000Z' } }));
    render(<AdminRoundsPage />);
    await waitFor(() => expect(byId('round-edit-r6')).not.toBeNull());
    // An open round is not offered for editing.
    expect(byId('round-edit-r4')).toBeNull();
    await tap('round-edit-r6');
    expect((byId('round-edit-opens') as HTMLInputElement).value).toBe('2026-12-07 08:00');
    expect((byId('round-edit-pickup') as HTMLInputElement).value).toBe('2026-12-08');
    await tap('round-edit-save');
    expect(text('round-edit-error')).toBe('没有改动：请先修改要变更的内容');
    type('round-edit-closes', '2026-12-07 07:00');
    await tap('round-edit-save');
    expect(text('round-edit-error')).toBe('结束时间须晚于开始时间');
    type('round-edit-qty', '0');
    type('round-edit-closes', '2026-12-07 21:00');
    await tap('round-edit-save');
    expect(text('round-edit-error')).toBe('每份只数请填 1 到 100 之间的整数');
    expect(fakeServer.requestsTo('/api/v1/admin/masks/rounds/r6')).toHaveLength(0);
    type('round-edit-qty', '5');
    type('round-edit-name', '周一补充轮');
    await tap('round-edit-save');
    await waitFor(() => expect(text('round-edit-saved')).toBe('“周一补充轮”已保存修改。'));
    expect(fakeServer.requestsTo('/api/v1/admin/masks/rounds/r6')[0].data).toEqual({ name: '周一补充轮', closesAt: '2026-12-07T21:00:00+08:00' });
    expect(byId('round-edit')).toBeNull();
  });

  it('says plainly when the API refuses an edit because the round opened meanwhile', async () => {
    const upcoming = round('r7', 'upcoming', 'first_come');
    fakeServer.on('GET', '/api/v1/admin/masks/rounds', fakeServer.json(200, paged([upcoming])));
    fakeServer.on('PATCH', '/api/v1/admin/masks/rounds/r7', fakeServer.error(409, 'ROUND_NOT_EDITABLE', { status: 'open' }));
    render(<AdminRoundsPage />);
    await waitFor(() => expect(byId('round-edit-r7')).not.toBeNull());
    await tap('round-edit-r7');
    type('round-edit-name', '改个名');
    await tap('round-edit-save');
    await waitFor(() => expect(text('round-edit-error')).toContain('这一轮已经开始预约（或已结束、已取消），不能再修改'));
    expect(byId('round-edit-progress')!.dataset.state).toBe('failed');
  });

  it('creates a round in China time, then sets the quotas filled in', async () => {
    fakeServer.on('POST', '/api/v1/admin/masks/rounds', fakeServer.json(201, { round: round('r3', 'upcoming', 'first_come') }));
    fakeServer.on('PUT', '/api/v1/admin/masks/rounds/r3/quotas', fakeServer.json(200, { roundId: 'r3', items: [] }));
    render(<AdminRoundsPage />);
    await waitFor(() => expect(byId('quota-ph-001')).not.toBeNull());
    type('round-name', '第3轮');
    type('round-opens', '2026-12-06 08:00');
    type('round-closes', '2026-12-06 20:00');
    type('quota-all', '50');
    await tap('quota-fill');
    type('quota-ph-002', '0');
    await tap('round-create');
    await waitFor(() => expect(byId('round-create-progress')!.dataset.percent).toBe('100'));
    expect(fakeServer.requestsTo('/api/v1/admin/masks/rounds').filter((r) => r.method === 'POST')[0].data).toEqual({ name: '第3轮', opensAt: '2026-12-06T08:00:00+08:00', closesAt: '2026-12-06T20:00:00+08:00', quantityPerPerson: 5, mode: 'first_come' });
    expect(fakeServer.requestsTo('/api/v1/admin/masks/rounds/r3/quotas')[0].data).toEqual({ items: [{ pharmacyId: 'ph-001', quota: 50 }, { pharmacyId: 'ph-003', quota: 50 }] });
  });
});

describe('操作日志 page', () => {
  it('sends the filters together, back on page 1, and refuses a reversed date range before asking', async () => {
    signedIn(admin);
    const entry = { id: 9, at: 1_764_900_000_000, actor: 'acc-admin', action: 'role.grant', targetType: 'account', targetId: 'acc-5', requestId: null, details: { role: 'verifier', scopeId: null } };
    fakeServer.on('GET', '/api/v1/admin/audit', fakeServer.json(200, { items: [entry], total: 31, page: 1, pageSize: 15 }));
    render(<AdminAuditPage />);
    await waitFor(() => expect(text('audit-pager')).toContain('第 1/3 页，共 31 条'));
    expect(text('audit-table')).toContain('授予角色');
    await tap('audit-pager-next');
    type('audit-actor', 'acc-admin');
    type('audit-from', '2026-12-05');
    type('audit-to', '2026-12-01');
    await tap('audit-apply');
    expect(text('audit-error')).toBe('开始日期不能晚于结束日期');
    type('audit-to', '2026-12-06');
    await tap('audit-kind-role');
    await waitFor(() => expect(fakeServer.requestsTo('/api/v1/admin/audit')).toHaveLength(3));
    const urls = fakeServer.requestsTo('/api/v1/admin/audit').map((r) => new URL(r.url, 'http://x').searchParams.toString());
    expect(urls).toEqual(['page=1&pageSize=15', 'page=2&pageSize=15', 'page=1&pageSize=15&actor=acc-admin&action=role.&from=2026-12-05&to=2026-12-06']);
  });
});
