import { rightsApi } from '../api/rights-api';
import type { ConsentStatus } from '../api/rights-contract';
import { platform } from '../platform/platform';
import type { PrivacyAnswer } from '../platform/types';
import { createStore } from './create-store';

export interface ConsentState {
  /** The BFF's answer; null until loaded (or when it could not be loaded). */
  status: ConsentStatus | null;
  /** The popup is open (first use, a new version, a gated action, or the platform asked). */
  popupOpen: boolean;
}

export const consentStore = createStore<ConsentState>({ status: null, popupOpen: false });

/** Who waits for the popup's answer: a gated action and/or the platform's privacy callback. */
let waiting: PrivacyAnswer[] = [];

function open(answer?: PrivacyAnswer): void {
  if (answer) waiting.push(answer);
  consentStore.set({ ...consentStore.get(), popupOpen: true });
}

function close(agreed: boolean): void {
  const answers = waiting;
  waiting = [];
  consentStore.set({ ...consentStore.get(), popupOpen: false });
  for (const a of answers) a(agreed);
}

/** A gated action was refused with CONSENT_REQUIRED: ask again. */
export function openConsentPopup(): void {
  open();
}

/** After login: asks the BFF; opens the popup on first use and after a new policy version. */
export async function loadConsent(): Promise<void> {
  const status = await rightsApi.consentStatus();
  consentStore.set({ status, popupOpen: status.required || consentStore.get().popupOpen });
}

/** The popup's 同意: recorded by the BFF (version and time) before anyone waiting is told yes. */
export async function agreeToPolicy(): Promise<void> {
  const version = consentStore.get().status?.currentVersion ?? (await rightsApi.privacyPolicy()).version;
  const status = await rightsApi.giveConsent({ version });
  consentStore.set({ ...consentStore.get(), status });
  close(true);
}

/** The popup's 不同意: nothing is recorded; gated actions stay refused. */
export function declinePolicy(): void {
  close(false);
}

/** True when identity binding and location may go ahead; otherwise opens the popup and waits for the answer. */
export async function ensureConsent(): Promise<boolean> {
  if (consentStore.get().status === null) await loadConsent().catch(() => undefined);
  const { status } = consentStore.get();
  // Unknown (offline): the BFF decides, and its 403 CONSENT_REQUIRED opens the popup (openConsentPopup).
  if (!status || !status.required) return true;
  return new Promise<boolean>((resolve) => open(resolve));
}

/** 离我最近: the position, asked only after the agreement (the popup opens if needed); null when refused or unavailable. */
export async function locateWithConsent() {
  return (await ensureConsent()) ? platform.getLocation() : null;
}

/** WeChat's own privacy question is answered by the same popup. */
export function answerPlatformPrivacyQuestions(): void {
  platform.onNeedPrivacyAuthorization((answer) => open(answer));
}

/** After logout or deletion the next account starts unknown. */
export function forgetConsent(): void {
  consentStore.set({ status: null, popupOpen: false });
}
