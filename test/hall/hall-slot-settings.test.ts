import { DEMO_HALL_ID, seedDemoHall } from '../../bff/src/demo/demo-hall';
import { startAppointmentTestApp, type AppointmentTestApp, type Mode } from '../appointments/appointment-test-app';

/*
 * A hall manager sets a service's slot length and places per slot (validated, audited), and slot
 * generation and booking use them: on MariaDB + Redis and on the embedded default (SQLite).
 */
describe.each<Mode>(['real', 'embedded'])('per-service slot settings (%s)', (mode) => {
  let t: AppointmentTestApp;
  const path = (serviceId: string) => `/api/v1/halls/${DEMO_HALL_ID}/services/${serviceId}/slot-settings`;
  const slotsOn = (serviceId: string) => t.request('GET', `/api/v1/halls/${DEMO_HALL_ID}/slots?serviceId=${serviceId}&date=2026-12-08`);

  beforeAll(async () => {
    t = await startAppointmentTestApp(mode, '2026-12-07T01:00:00Z', 'hall'); // Monday 09:00 China time
    await seedDemoHall(t.app);
  });
  afterAll(() => t.close());

  it('lists each service with the config defaults until a manager sets them', async () => {
    const manager = await t.loginDevAs('hall-manager-1');
    const res = await t.request('GET', `/api/v1/halls/${DEMO_HALL_ID}/slot-settings`, { token: manager.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ serviceId: 'svc-id-card', serviceName: '居民身份证办理', slotMinutes: null, capacity: null, effectiveSlotMinutes: 30, effectiveCapacity: 10, updatedAt: null }),
      expect.objectContaining({ serviceId: 'svc-household', slotMinutes: null, capacity: null }),
    ]);
  });

  it('a set length and capacity drive slot generation and booking; null goes back to the config (audited)', async () => {
    const manager = await t.loginDevAs('hall-manager-1');
    const set = await t.request('PUT', path('svc-id-card'), { token: manager.token, body: { slotMinutes: 60, capacity: 2 } });
    expect(set.status).toBe(200);
    expect(set.body.settings).toMatchObject({ slotMinutes: 60, capacity: 2, effectiveSlotMinutes: 60, effectiveCapacity: 2 });
    const slots = await slotsOn('svc-id-card');
    expect(slots.body.slots).toHaveLength(23); // 00:00 … 22:00; 23:00–23:59 is no whole hour
    expect(slots.body.slots[10]).toMatchObject({ start: '10:00', end: '11:00', capacity: 2, available: 2 });
    expect((await slotsOn('svc-household')).body.slots[0]).toMatchObject({ start: '00:00', end: '00:30', capacity: 10 });

    const people = [];
    for (const i of [1, 2, 3]) people.push(await t.citizen(`slot-set-${mode}-${i}`, '王小二'));
    const book = (token: string, i: number) =>
      t.request('POST', '/api/v1/appointments', { token, headers: { 'idempotency-key': `slot-set-${mode}-${i}` }, body: { hallId: DEMO_HALL_ID, serviceId: 'svc-id-card', date: '2026-12-08', start: '10:00' } });
    const answers = [await book(people[0].token, 0), await book(people[1].token, 1), await book(people[2].token, 2)];
    expect(answers.map((a) => a.status)).toEqual([201, 201, 409]);
    expect(answers[2].body.error.code).toBe('SLOT_FULL');
    expect(answers[0].body.appointment).toMatchObject({ start: '10:00', end: '11:00' });

    const audit = await t.app.services.audit.forTarget('hall_service', 'svc-id-card');
    expect(audit[0]).toMatchObject({ action: 'hall.service.slot_settings', actor: manager.userId, details: { hallId: DEMO_HALL_ID, slotMinutes: 60, capacity: 2, before: null } });

    const reset = await t.request('PUT', path('svc-id-card'), { token: manager.token, body: { slotMinutes: null, capacity: null } });
    expect(reset.body.settings).toMatchObject({ slotMinutes: null, capacity: null, effectiveSlotMinutes: 30, effectiveCapacity: 10 });
    expect((await slotsOn('svc-id-card')).body.slots).toHaveLength(47);
  });

  it('validates the values, the role and the hall scope', async () => {
    const manager = await t.loginDevAs('hall-manager-1');
    for (const body of [{ slotMinutes: 7, capacity: 5 }, { slotMinutes: 30, capacity: 0 }, { slotMinutes: 30, capacity: 501 }, { slotMinutes: 30 }, { slotMinutes: 2.5, capacity: 1 }]) {
      const res = await t.request('PUT', path('svc-id-card'), { token: manager.token, body });
      expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await t.request('PUT', path('svc-none'), { token: manager.token, body: { slotMinutes: 30, capacity: 5 } })).body.error.code).toBe('SERVICE_NOT_FOUND');
    const staff = await t.loginDevAs('window-1');
    expect((await t.request('PUT', path('svc-id-card'), { token: staff.token, body: { slotMinutes: 30, capacity: 5 } })).status).toBe(403);
    const otherManager = await t.loginDevAs(`slot-other-manager-${mode}`);
    await t.app.services.roles.grant('test', { accountId: otherManager.userId, role: 'hall_manager', scopeId: 'hall-elsewhere' }, null);
    expect((await t.request('GET', `/api/v1/halls/${DEMO_HALL_ID}/slot-settings`, { token: otherManager.token })).status).toBe(403);
  });
});
