import type { HallGateway } from './lib/hall-gateway';
import type { HallManagerGateway } from './lib/hall-manager-gateway';
import { httpHallGateway } from './lib/http-hall-gateway';
import { httpHallManagerGateway } from './lib/http-hall-manager-gateway';

let current: HallGateway = httpHallGateway;
let manager: HallManagerGateway = httpHallManagerGateway;

/** The gateway the hall pages use: the HTTP one in the app, a fake in tests. */
export function hallGateway(): HallGateway {
  return current;
}

export function setHallGateway(gateway: HallGateway): void {
  current = gateway;
}

/** The hall manager's pages' gateway (好差评跟进, 统计, ETA 误差, 预约时段). */
export function hallManagerGateway(): HallManagerGateway {
  return manager;
}

export function setHallManagerGateway(gateway: HallManagerGateway): void {
  manager = gateway;
}
