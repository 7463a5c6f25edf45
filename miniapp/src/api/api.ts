import { getToken, silentLogin } from '../store/session';
import { API_BASE } from './api-base';
import { createApiClient } from './client';

/** The app's API client: session token on every auth route, one silent re-login on 401. */
export const api = createApiClient({ baseUrl: API_BASE, getToken, reauthenticate: silentLogin });
