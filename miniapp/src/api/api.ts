import { getToken, sessionGate, silentLogin } from '../store/session';
import { API_BASE } from './api-base';
import { createApiClient } from './client';

/**
 * The app's API client: session token on every auth route (after the session gate: never the token
 * of an account being replaced), one silent re-login on 401.
 */
export const api = createApiClient({ baseUrl: API_BASE, getToken, reauthenticate: silentLogin, sessionGate });
