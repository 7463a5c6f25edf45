import { api } from './api';
import { createFamilyClient } from './family-client';

/** The family API (identityRoutes) on the app's client: same session token and re-login. */
export const familyApi = createFamilyClient(api);
