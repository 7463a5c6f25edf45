import { hallAdminRoutes, hallPublicRoutes } from './hall-registry-routes';
import { hallQueueRoutes } from './hall-queue-routes';
import { hallShiftRoutes } from './hall-shifts';
import type { OperationContract } from './routes';

export * from './hall-registry-routes';
export * from './hall-queue-routes';

/** The service-hall registry and queue API as data (appointments and ratings have their own). */
export const hallRoutes = {
  ...hallPublicRoutes,
  ...hallQueueRoutes,
  ...hallShiftRoutes,
  ...hallAdminRoutes,
} as const satisfies Record<string, OperationContract>;

export type HallRoutes = typeof hallRoutes;
