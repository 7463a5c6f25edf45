import type { HallGateway } from './lib/hall-gateway';

let current: HallGateway | null = null;

/** The gateway the hall pages use: the HTTP one in the app, a fake in tests. */
export function hallGateway(): HallGateway {
  if (!current) throw new Error('hall gateway not set');
  return current;
}

export function setHallGateway(gateway: HallGateway): void {
  current = gateway;
}
