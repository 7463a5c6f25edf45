import type { PersonalDataContributor, PersonalDataEraser } from '../rights/rights-ports';
import type { ConsentService } from './consent-service';

/** Agreements given (version, channel, time); deleted with the account (nothing requires keeping them). */
export function consentPersonalData(consent: ConsentService): { contributor: PersonalDataContributor; eraser: PersonalDataEraser } {
  return {
    contributor: { section: 'privacyConsents', contribute: (s) => consent.exportOf(s.accountId) },
    eraser: { domain: 'privacyConsents', erase: async (s) => ({ deleted: await consent.removeAccount(s.accountId) }) },
  };
}
