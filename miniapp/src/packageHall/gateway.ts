import type { HallGateway } from './lib/hall-gateway';
import { httpHallGateway } from './lib/http-hall-gateway';

let current: HallGateway = httpHallGateway;

/** The gateway the hall pages use: the HTTP one in the app, a fake in tests. */
export function hallGateway(): HallGateway {
  return current;
}

export function setHallGateway(gateway: HallGateway): void {
  current = gateway;
}
