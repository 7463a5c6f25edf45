import type { PersonalDataContributor, PersonalDataEraser } from '../rights/rights-ports';
import type { SessionService } from './session-service';

/** The export's 登录设备 section, and deletion's first step: every session ends, so nothing new can start. */
export function sessionPersonalData(sessions: SessionService): { contributor: PersonalDataContributor; eraser: PersonalDataEraser } {
  return {
    contributor: {
      section: 'sessions',
      contribute: async (s) => (await sessions.list(s.accountId, undefined)).map(({ current: _current, ...rest }) => rest),
    },
    eraser: {
      domain: 'sessions',
      erase: async (s) => ({ revoked: await sessions.revokeAll(s.accountId, s.requestId) }),
    },
  };
}
