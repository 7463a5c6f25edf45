import { api } from './api';
import { fillPath } from './fill-path';
import { rightsRoutes, type DeleteAccountQuery, type GiveConsentRequest, type RightsResponseBody, type RightsRouteName } from './rights-contract';

/**
 * Sessions, consent, export and deletion (rightsRoutes) on the app's core client (same token and
 * 401 re-login). In the main package, so built on `send` like the family client, not on the
 * subpackages' contract client.
 */
function send<N extends RightsRouteName>(name: N, path: string, body?: unknown): Promise<RightsResponseBody<N>> {
  return api.send({ name, contract: rightsRoutes[name], path, body, headers: {} }) as Promise<RightsResponseBody<N>>;
}

export const rightsApi = {
  privacyPolicy: () => send('privacyPolicy', rightsRoutes.privacyPolicy.path),
  consentStatus: () => send('consentStatus', rightsRoutes.consentStatus.path),
  giveConsent: (body: GiveConsentRequest) => send('giveConsent', rightsRoutes.giveConsent.path, body),
  logout: () => send('logout', rightsRoutes.logout.path),
  listSessions: () => send('listSessions', rightsRoutes.listSessions.path),
  revokeSession: async (id: string) => send('revokeSession', fillPath(rightsRoutes.revokeSession.path, { id })),
  revokeAllSessions: () => send('revokeAllSessions', rightsRoutes.revokeAllSessions.path),
  exportMyData: () => send('exportMyData', rightsRoutes.exportMyData.path),
  deleteMe: (query: DeleteAccountQuery) => send('deleteMe', `${rightsRoutes.deleteMe.path}?confirmation=${encodeURIComponent(query.confirmation)}`),
};
