import { fireEvent, render, waitFor } from '@testing-library/react';
import IdentityPage from '../src/pages/identity/index';
import ProfilePage from '../src/pages/profile/index';
import { consentStore, ensureConsent } from '../src/store/consent';
import { sessionStore } from '../src/store/session';
import { fakeServer, meAnswer, signedIn } from './helpers';

const byId = (id: string) => document.getElementById(id);
const REQUIRED = { currentVersion: 'v1', agreedVersion: null, agreedAt: null, required: true };
const AGREED = { currentVersion: 'v1', agreedVersion: 'v1', agreedAt: '2026-12-05T01:00:00.000Z', required: false };

describe('privacy consent', () => {
  beforeEach(() => signedIn());

  it('opens the popup for a gated action, records the agreement with the version, then lets it go ahead', async () => {
    consentStore.set({ status: REQUIRED, popupOpen: false });
    fakeServer.on('POST', '/api/v1/me/consent', fakeServer.json(200, AGREED));
    render(<IdentityPage />);
    const answer = ensureConsent();
    await waitFor(() => expect(byId('privacy-popup')).not.toBeNull());
    expect(byId('privacy-policy-link')?.textContent).toBe('《政务通隐私政策》');
    fireEvent.click(byId('privacy-agree')!);
    await expect(answer).resolves.toBe(true);
    expect(fakeServer.requestsTo('/api/v1/me/consent')[0].data).toEqual({ version: 'v1' });
    await waitFor(() => expect(byId('privacy-popup')).toBeNull());
  });

  it('declining records nothing and refuses the action', async () => {
    consentStore.set({ status: REQUIRED, popupOpen: false });
    render(<IdentityPage />);
    const answer = ensureConsent();
    await waitFor(() => expect(byId('privacy-popup')).not.toBeNull());
    fireEvent.click(byId('privacy-decline')!);
    await expect(answer).resolves.toBe(false);
    expect(fakeServer.requestsTo('/api/v1/me/consent')).toEqual([]);
  });
});

describe('我的: sessions, logout and deletion', () => {
  const SESSIONS = {
    sessions: [
      { id: 's-1', channel: 'h5', createdAt: '2026-12-05T01:00:00.000Z', lastUsedAt: '2026-12-05T01:10:00.000Z', ipMasked: '127.0.0.*', place: '本机', current: true },
      { id: 's-2', channel: 'weapp', createdAt: '2026-12-04T01:00:00.000Z', lastUsedAt: '2026-12-04T02:00:00.000Z', ipMasked: '203.0.113.*', place: null, current: false },
    ],
  };
  beforeEach(() => {
    signedIn();
    fakeServer.on('GET', '/api/v1/me', fakeServer.json(200, meAnswer()));
    fakeServer.on('GET', '/api/v1/me/sessions', fakeServer.json(200, SESSIONS));
  });

  it('lists sessions with channel, masked address and place; ends another device', async () => {
    fakeServer.on('DELETE', '/api/v1/me/sessions/s-2', fakeServer.json(200, { deleted: true }));
    render(<ProfilePage />);
    await waitFor(() => expect(document.querySelectorAll('.session-row')).toHaveLength(2));
    const text = byId('profile-sessions')?.textContent ?? '';
    expect(text).toContain('网页（本机）');
    expect(text).toContain('微信小程序');
    expect(text).toContain('203.0.113.*');
    fireEvent.click(document.querySelector('.session-end')!);
    await waitFor(() => expect(fakeServer.requestsTo('/api/v1/me/sessions/s-2')).toHaveLength(1));
  });

  it('deletes only after the typed phrase, then shows the signed-out state and logs in no more', async () => {
    fakeServer.on('DELETE', '/api/v1/me', fakeServer.json(200, { deleted: true, steps: [] }));
    render(<ProfilePage />);
    await waitFor(() => expect(byId('profile-delete-start')).not.toBeNull());
    fireEvent.click(byId('profile-delete-start')!);
    const input = byId('profile-delete-input') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '注销' } });
    fireEvent.click(byId('profile-delete-confirm')!);
    expect(fakeServer.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    fireEvent.change(input, { target: { value: '确认注销' } });
    fireEvent.click(byId('profile-delete-confirm')!);
    await waitFor(() => expect(byId('profile-signed-out')?.textContent).toContain('账号已注销'));
    const del = fakeServer.requests.find((r) => r.method === 'DELETE');
    expect(del?.url).toContain(`/api/v1/me?confirmation=${encodeURIComponent('确认注销')}`);
    expect(sessionStore.get().status).toBe('signed-out');
  });
});
