import { parseCode } from '@govpass/shared-types';
import { newPerson, startHealthTestApp, type Caller, type HealthTestApp } from './health-test-app';

/**
 * The health domain wired as in production: the personal-code domain signs the code the page
 * shows, a verifier's scan reads the colour the rules computed, and a colour change is written to
 * the one notification outbox in the transaction that records it.
 */
let t: HealthTestApp;
let official: Caller;
let verifier: Caller;
beforeAll(async () => {
  t = await startHealthTestApp('2026-12-04T02:00:00Z', 'real', 'real');
  official = await t.official('wire-official');
  verifier = await t.loginDev('wire-verifier');
  await t.app.services.roles.grant('test', { accountId: verifier.userId, role: 'verifier', scopeId: null }, null);
});
afterAll(() => t.close());

describe('health code wired to the personal code and the outbox (MariaDB + Redis)', () => {
  it('a close-contact import turns the signed code red, a scan sees red, and the citizen is told once', async () => {
    const person = newPerson('郑七');
    const citizen = await t.citizen('wire-citizen', person);
    const green = await t.request('GET', '/api/v1/health/code', { token: citizen.token });
    expect(green.status).toBe(200);
    expect(parseCode(green.body.code).payload).toMatchObject({ kind: 'live', colour: 'green' });
    expect(green.body.code).toHaveLength(120);

    const csv = `idNumber,date,releasedOn\n${person.idNumber},2026-12-02,\n`;
    const imported = await t.request('POST', '/api/v1/admin/health/lists', { token: official.token, body: { list: 'close_contact', csv } });
    expect(imported.body).toEqual({ imported: 1, changed: 1 });

    const red = await t.request('GET', '/api/v1/health/code', { token: citizen.token });
    expect(parseCode(red.body.code).payload.colour).toBe('red');
    // The green code scanned after the change: valid signature, signed green, red now.
    const scan = await t.request('POST', '/api/v1/codes/verify', { token: verifier.token, body: { code: green.body.code } });
    expect(scan.status).toBe(200);
    expect(scan.body).toMatchObject({ valid: true, codeColour: 'green', colour: 'red', person: { maskedName: '郑*' }, reasons: [{ rule: 'close_contact' }] });

    const outbox = await t.app.database.db.selectFrom('notification_outbox').selectAll().where('person_id', '=', citizen.personId).execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ template: 'health_colour_changed' });
    expect(JSON.parse(outbox[0].data)).toMatchObject({ colour: 'red', previousColour: 'green', reason: '您是密切接触者' });

    // Importing the same list again changes nothing and tells no one twice.
    await t.request('POST', '/api/v1/admin/health/lists', { token: official.token, body: { list: 'close_contact', csv } });
    expect(await t.app.database.db.selectFrom('notification_outbox').selectAll().where('person_id', '=', citizen.personId).execute()).toHaveLength(1);
  });

  it('a colour change whose notice cannot be written is not committed either', async () => {
    const person = newPerson('王八');
    const citizen = await t.citizen('wire-atomic', person);
    await t.request('GET', '/api/v1/health/code', { token: citizen.token });
    // Break the outbox table for the length of one import: the import must fail whole.
    await t.app.database.db.schema.alterTable('notification_outbox').renameTo('notification_outbox_away').execute();
    try {
      const csv = `idNumber,date,releasedOn\n${person.idNumber},2026-12-03,\n`;
      const res = await t.request('POST', '/api/v1/admin/health/lists', { token: official.token, body: { list: 'confirmed', csv } });
      expect(res.status).toBeGreaterThanOrEqual(500);
    } finally {
      await t.app.database.db.schema.alterTable('notification_outbox_away').renameTo('notification_outbox').execute();
    }
    const changes = await t.app.database.db.selectFrom('health_colour_changes').selectAll().where('person_id', '=', citizen.personId).execute();
    expect(changes.filter((c) => c.to_colour === 'red')).toEqual([]);
  });
});
