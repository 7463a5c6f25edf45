import type { GovpassApp } from '../app';

/**
 * The demo service hall (docs/hall.md): one hall with two services and three windows, in the
 * import format of `npm run admin -- import-halls`. Open around the clock, so the demo and the
 * e2e can take a ticket whatever the hour; real halls import their own hours.
 */
export const DEMO_HALL_ID = 'hall-001';

export const DEMO_HALL_CSV = `kind,hallId,id,name,a,b,c,d,e
hall,hall-001,,合肥市政务服务中心,蜀山区怀宁路 1688 号,蜀山区,31.8206 117.2272,1-7 00:00-23:59,
service,hall-001,svc-id-card,居民身份证办理,户籍,A,10,allowed,居民户口簿*|近期免冠照片(可现场拍摄)|旧身份证(换证时)
service,hall-001,svc-household,户口迁移,户籍,B,15,allowed,居民户口簿*|居民身份证*|准迁证(市外迁入)*|结婚证(随迁时)
window,hall-001,win-1,1号窗口,1,svc-id-card,open,,
window,hall-001,win-2,2号窗口,2,svc-id-card svc-household,open,,
window,hall-001,win-3,3号窗口,3,svc-household,open,,
`;

/** The hall, and dev:window-1 (window staff) and dev:hall-manager-1 (its manager). */
export async function seedDemoHall(app: GovpassApp): Promise<void> {
  const { accounts, roles, hall } = app.services;
  await hall.admin.importCsv('seed', DEMO_HALL_CSV);
  for (const [user, role] of [['window-1', 'window_staff'], ['hall-manager-1', 'hall_manager']] as const) {
    const account = await accounts.findOrCreate('h5', user);
    if (!(await roles.rolesOf(account.id)).some((g) => g.role === role && g.scopeId === DEMO_HALL_ID)) {
      await roles.grant('seed', { accountId: account.id, role, scopeId: DEMO_HALL_ID }, null);
    }
  }
}
