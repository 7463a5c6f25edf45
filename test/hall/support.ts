import { withCheckChar } from '@govpass/shared-types';
import type { Caller } from '../support/http-request';
import type { TestApp } from '../support/test-app';
import { citizen, newPerson, type Person } from '../codes/support';
import { DEMO_HALL_ID, seedDemoHall } from '../../bff/src/demo/demo-hall';

export { citizen, newPerson, DEMO_HALL_ID, seedDemoHall };
export type { Person };

/** Near the demo hall (蜀山区, 31.8206 117.2272). */
export const AT_HALL = { lat: 31.821, lng: 117.2275 };

let keys = 0;
export function idemKey(): string {
  keys += 1;
  return `hall-test-${process.pid}-${keys}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function loginAs(t: TestApp, name: string): Promise<Caller> {
  return t.loginDev(name);
}

/** A remote ticket for the caller (201 expected by the caller of this helper). */
export function takeRemote(t: TestApp, token: string, serviceId: string, key = idemKey(), location = AT_HALL) {
  return t.request('POST', `/api/v1/halls/${DEMO_HALL_ID}/tickets`, { token, headers: { 'idempotency-key': key }, body: { mode: 'remote', serviceId, location } });
}

/** An elderly person (born 1950): their ticket is a priority ticket. */
export function elderlyPerson(n: number): Person {
  return { name: '赵大爷', idNumber: withCheckChar(`32010219500315${String(n % 1000).padStart(3, '0')}`) };
}

/** Waits until the hall stream's consumer wrote everything appended so far (rows, audit, notifications). */
export async function written(t: TestApp): Promise<void> {
  await t.app.services.hall.queueRuntime?.drain();
}
