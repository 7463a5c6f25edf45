import { loadConfig } from '@govpass/config';
import { withCheckChar } from '@govpass/shared-types';
import { signingKeyFromSeed, type SigningKey } from '../../bff/src/domains/personal-code/signing-key';
import type { Caller } from '../support/http-request';
import type { TestApp } from '../support/test-app';

export interface Person {
  name: string;
  idNumber: string;
}

let serial = 0;
/** A registry-valid identity, different on every call. */
export function newPerson(name = '王芳'): Person {
  serial += 1;
  return { name, idNumber: withCheckChar(`3201021978${String((serial % 12) + 1).padStart(2, '0')}15${String(serial % 1000).padStart(3, '0')}`) };
}

/** The key test.json configures: the one the app signs with. */
export function configuredKey(): SigningKey {
  return signingKeyFromSeed(loadConfig({ env: { NODE_ENV: 'test' } }).codes.signingKeys[0].seed);
}

/** A logged-in account bound to `person` (put in the registry first); returns the caller and their person id. */
export async function citizen(t: TestApp, login: string, person: Person): Promise<Caller & { personId: string }> {
  await t.app.services.registry.loadCsv(`${person.name},${person.idNumber}\n`);
  const caller = await t.loginDev(login);
  const res = await t.request('POST', '/api/v1/identity', { token: caller.token, body: person });
  if (res.status !== 200) throw new Error(`identity failed: ${res.status} ${JSON.stringify(res.body)}`);
  const personId = await t.app.services.masks.directory.requirePersonOf(caller.userId);
  return { ...caller, personId };
}

export async function operator(t: TestApp, login: string, role: 'admin' | 'verifier' | 'window_staff', scopeId: string | null = null): Promise<Caller> {
  const caller = await t.loginDev(login);
  await t.app.services.roles.grant('test', { accountId: caller.userId, role, scopeId }, null);
  return caller;
}
