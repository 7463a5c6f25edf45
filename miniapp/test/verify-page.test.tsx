import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { assembleCode, parseCode, signedPart, withCheckChar } from '@govpass/shared-types';
import VerifyPage from '../src/packageHealth/pages/verify/index';
import { KEYS_STORAGE_KEY, REVOCATIONS_STORAGE_KEY } from '../src/lib/personal-code';
import { elderlyModeStore } from '../src/store/elderly-mode';
import { platform } from '../src/platform/platform';
import { citizen, fakeServer, signedIn } from './helpers';
import { HEALTH, verifier } from './health-fixtures';
import { REF_A, REF_B, testSigner } from './personal-code-signer';

const byId = (id: string) => document.getElementById(id);
const text = (id: string) => byId(id)?.textContent ?? null;
const signer = testSigner(11);
const nowS = () => Math.floor(Date.now() / 1000);
const liveCode = (colour: 'green' | 'yellow' | 'red', issuedAgo = 5, lifetime = 60) =>
  signer.code({ kind: 'live', colour, issuedAt: nowS() - issuedAgo, expiresAt: nowS() - issuedAgo + lifetime, ref: REF_A });
const printedCode = (ref = REF_B) => signer.code({ kind: 'printed', colour: null, issuedAt: nowS() - 3600, expiresAt: nowS() + 86_400, ref });
/** The attack that matters: the payload says green, the signature is the red code's. */
function repaint(code: string, colour: 'green'): string {
  const { payload, signature } = parseCode(code);
  return assembleCode(signedPart({ ...payload, colour }), signature);
}
const offline = { reject: { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' } };

/** As if the phone had fetched the keys (and revocations) while it still had a network. */
function cached(revoked: string[] = []): void {
  Taro.setStorageSync(KEYS_STORAGE_KEY, { fetchedAt: Date.now(), body: { keys: [signer.jwk] } });
  Taro.setStorageSync(REVOCATIONS_STORAGE_KEY, {
    fetchedAt: Date.now(),
    body: { revoked: revoked.map((ref) => ({ ref, expiresAt: '2099-01-01T00:00:00.000Z' })), updatedAt: new Date().toISOString() },
  });
}

async function verifyTyped(code: string): Promise<void> {
  render(<VerifyPage />);
  fireEvent.change(byId('verify-code-input')!, { target: { value: code } });
  await act(async () => {
    fireEvent.click(byId('verify-code-submit')!);
  });
}

describe('核验 page (staff at a door)', () => {
  beforeEach(() => {
    signedIn(verifier);
    act(() => elderlyModeStore.set(false));
    fakeServer.on('GET', HEALTH.keys, offline);
    fakeServer.on('GET', HEALTH.revocations, offline);
  });

  it('shows the signed colour at once without a network, with the 离线核验 badge', async () => {
    cached();
    fakeServer.on('POST', HEALTH.verify, offline);

    await verifyTyped(liveCode('green'));

    await waitFor(() => expect(byId('verify-offline-badge')).not.toBeNull());
    expect(text('verify-offline-badge')).toBe('无网络，离线核验');
    expect(byId('verify-result')?.getAttribute('data-tone')).toBe('green');
    expect(text('verify-title')).toBe('绿码');
    expect(byId('verify-name')).toBeNull(); // the name needs the online answer
  });

  it('says 仅身份 for a printed card offline', async () => {
    cached();
    fakeServer.on('POST', HEALTH.verify, offline);

    await verifyTyped(printedCode());

    await waitFor(() => expect(byId('verify-offline-badge')).not.toBeNull());
    expect(byId('verify-result')?.getAttribute('data-tone')).toBe('identity');
    expect(text('verify-title')).toBe('仅身份');
  });

  it.each([
    ['an expired code', () => liveCode('green', 120, 60), '此码已过期'],
    ['a red code repainted green', () => repaint(liveCode('red'), 'green'), '不是官方签发'],
    ['a revoked printed card', () => printedCode(REF_B), '此离线码已作废'],
    ['text that is no code', () => 'https://example.com/', '这不是政务通的码'],
  ])('shows a red 无效码 screen with the reason for %s', async (_what, make, reason) => {
    cached(['CQkJCQkJCQk']); // REF_B
    fakeServer.on('POST', HEALTH.verify, offline);

    await verifyTyped(make());

    await waitFor(() => expect(byId('verify-result')?.getAttribute('data-tone')).toBe('invalid'));
    expect(text('verify-title')).toBe('无效码');
    expect(byId('verify-result')?.textContent).toContain(reason);
  });

  it('then shows the current colour and masked name from the BFF when online', async () => {
    cached();
    fakeServer.on('POST', HEALTH.verify, () =>
      fakeServer.json(200, {
        valid: true,
        kind: 'live',
        person: { maskedName: '李*', maskedIdNumber: '1101**********002X' },
        colour: 'red',
        codeColour: 'green',
        reasons: [{ rule: 'close_contact', text: '密切接触者', greenCondition: null, until: null }],
        issuedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      }),
    );
    const code = liveCode('green');

    await verifyTyped(code);

    await waitFor(() => expect(text('verify-name')).toBe('李*'));
    expect(byId('verify-result')?.getAttribute('data-tone')).toBe('red');
    expect(byId('verify-result')?.textContent).toContain('密切接触者');
    expect(byId('verify-offline-badge')).toBeNull();
    expect(fakeServer.requestsTo(HEALTH.verify)[0].data).toEqual({ code });
  });

  it("trusts the BFF's refusal over the phone's stale revocation list", async () => {
    cached();
    fakeServer.on('POST', HEALTH.verify, fakeServer.error(422, 'REVOKED'));

    await verifyTyped(printedCode(REF_A));

    await waitFor(() => expect(byId('verify-result')?.getAttribute('data-tone')).toBe('invalid'));
    expect(byId('verify-result')?.textContent).toContain('此离线码已作废');
  });

  it('fetches the key set when it meets an unknown key, then verifies offline', async () => {
    fakeServer.on('GET', HEALTH.keys, fakeServer.json(200, { keys: [signer.jwk] }));
    fakeServer.on('POST', HEALTH.verify, offline);

    await verifyTyped(liveCode('yellow'));

    await waitFor(() => expect(text('verify-title')).toBe('黄码'));
    expect(fakeServer.requestsTo(HEALTH.keys).length).toBeGreaterThanOrEqual(1);
  });

  it('looks up a person without phone or card by ID number', async () => {
    fakeServer.on('POST', HEALTH.lookup, fakeServer.json(200, { person: { maskedName: '赵*', maskedIdNumber: '1101**' }, colour: 'yellow', reasons: [], greenFrom: '2026-12-10' }));
    render(<VerifyPage />);
    const id = withCheckChar('11010519491231002');

    fireEvent.change(byId('verify-id-number')!, { target: { value: id } });
    await act(async () => {
      fireEvent.click(byId('verify-id-submit')!);
    });

    await waitFor(() => expect(text('verify-name')).toBe('赵*'));
    expect(text('verify-title')).toBe('黄码');
    expect(fakeServer.requestsTo(HEALTH.lookup)[0].data).toEqual({ idNumber: id });
  });

  it('checks the ID number before asking', async () => {
    render(<VerifyPage />);
    fireEvent.change(byId('verify-id-number')!, { target: { value: '123' } });
    await act(async () => {
      fireEvent.click(byId('verify-id-submit')!);
    });
    expect(text('verify-id-number-error')).toContain('18位');
    expect(fakeServer.requestsTo(HEALTH.lookup)).toHaveLength(0);
  });

  it('scans with the camera where there is one, and 继续核验 opens the scanner again', async () => {
    cached();
    fakeServer.on('POST', HEALTH.verify, offline);
    const first = liveCode('green');
    const second = liveCode('red');
    const scan = jest.spyOn(platform, 'scanCode').mockResolvedValueOnce(first).mockResolvedValueOnce(second);
    platform.canScan = true;
    try {
      render(<VerifyPage />);
      expect(byId('verify-manual')).toBeNull();
      await act(async () => {
        fireEvent.click(byId('verify-scan')!);
      });
      await waitFor(() => expect(text('verify-title')).toBe('绿码'));

      await act(async () => {
        fireEvent.click(byId('verify-next')!);
      });

      await waitFor(() => expect(text('verify-title')).toBe('红码'));
      expect(scan).toHaveBeenCalledTimes(2);
    } finally {
      platform.canScan = false;
      scan.mockRestore();
    }
  });

  it('is for verifying staff only', () => {
    signedIn(citizen);
    render(<VerifyPage />);
    expect(byId('role-required')?.textContent).toContain('仅核验人员可使用此功能');
  });
});
