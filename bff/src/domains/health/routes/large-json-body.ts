import { healthRoutes } from '@govpass/shared-types';

/**
 * Official uploads (CSV inside JSON) are larger than the API's general body limit. The app's body
 * reader defers these paths; their routes read the body after the role guard with a reader of this
 * limit (the same reader, built in app.ts), so nobody but an official gets megabytes read.
 */
export const LARGE_BODY_PATHS: readonly string[] = [healthRoutes.importHealthList.path, healthRoutes.importTestResults.path, healthRoutes.setRiskAreas.path];
export const LARGE_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
