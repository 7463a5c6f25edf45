import { api } from './api';
import { createMaskClient } from './mask-client';

/** The mask-reservation API (maskRoutes) on the app's client: same session token and re-login. */
export const maskApi = createMaskClient(api);
