import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { IdNumber, withCheckChar } from '@govpass/shared-types';
import IdentityPage from '../src/pages/identity/index';
import { sessionStore } from '../src/store/session';
import { fakeServer, signedIn } from './helpers';

const IDENTITY = '/api/v1/identity';
const VALID_ID = withCheckChar('11010519491231002');
const WRONG_CHECK_DIGIT = VALID_ID.slice(0, 17) + (VALID_ID[17] === '1' ? '2' : '1');

function fill(id: string, value: string): HTMLInputElement {
  const input = document.getElementById(id) as HTMLInputElement;
  fireEvent.change(input, { target: { value } });
  return input;
}

function errorText(id: string): string | null {
  return document.getElementById(`${id}-error`)?.textContent ?? null;
}

function submit(): void {
  fireEvent.click(document.getElementById('identity-submit')!);
}

describe('identity page', () => {
  beforeEach(() => signedIn());

  it('shows the check-digit error under the ID field on blur', () => {
    render(<IdentityPage />);

    fireEvent.blur(fill('identity-id-number', WRONG_CHECK_DIGIT));

    expect(errorText('identity-id-number')).toBe('身份证号最后一位不对，请核对');
    expect(errorText('identity-name')).toBeNull();
  });

  it('clears a field error as soon as the user edits the field', () => {
    render(<IdentityPage />);
    fireEvent.blur(fill('identity-id-number', WRONG_CHECK_DIGIT));

    fill('identity-id-number', VALID_ID);

    expect(errorText('identity-id-number')).toBeNull();
  });

  it('validates every field on submit and sends nothing while they are wrong', () => {
    render(<IdentityPage />);
    fill('identity-name', 'Zhang');
    fill('identity-id-number', '1234');

    submit();

    expect(errorText('identity-name')).toBe('请输入中文姓名');
    // The wording of the length rule belongs to shared-types; the form shows whatever it says.
    expect(errorText('identity-id-number')).toBe(IdNumber.safeParse('1234').error?.issues[0].message);
    expect(fakeServer.requests).toHaveLength(0);
  });

  it('shows the Chinese message when the server answers IDENTITY_MISMATCH', async () => {
    fakeServer.on('POST', IDENTITY, fakeServer.error(422, 'IDENTITY_MISMATCH'));
    render(<IdentityPage />);
    fill('identity-name', '张三');
    fill('identity-id-number', VALID_ID);

    submit();

    expect(await screen.findByText('姓名与身份证号不匹配，请核对后重试')).toHaveProperty('id', 'identity-form-error');
  });

  it('puts server field issues (VALIDATION_FAILED) under the matching fields', async () => {
    fakeServer.on('POST', IDENTITY, fakeServer.error(400, 'VALIDATION_FAILED', [{ path: 'body.name', message: '姓名含有不支持的字' }]));
    render(<IdentityPage />);
    fill('identity-name', '张三');
    fill('identity-id-number', VALID_ID);

    submit();

    await waitFor(() => expect(errorText('identity-name')).toBe('姓名含有不支持的字'));
    expect(document.getElementById('identity-form-error')).toBeNull();
  });

  it('shows IDENTITY_ALREADY_BOUND as a form error', async () => {
    fakeServer.on('POST', IDENTITY, fakeServer.error(409, 'IDENTITY_ALREADY_BOUND'));
    render(<IdentityPage />);
    fill('identity-name', '张三');
    fill('identity-id-number', VALID_ID);

    submit();

    expect(await screen.findByText('该身份证号已绑定其他账号，请用原来的账号登录')).toBeTruthy();
  });

  it('sends the normalised values, then shows the masked identity and marks the session verified', async () => {
    fakeServer.on('POST', IDENTITY, fakeServer.json(200, { verified: true, identity: { name: '张*', idNumber: '1101**********0021' } }));
    render(<IdentityPage />);
    fill('identity-name', ' 张三 ');
    fill('identity-id-number', VALID_ID.toLowerCase());

    submit();

    expect((await screen.findByText('1101**********0021')).id).toBe('identity-masked-id-number');
    expect(document.getElementById('identity-masked-name')?.textContent).toBe('张*');
    expect(fakeServer.requestsTo(IDENTITY)[0].data).toEqual({ name: '张三', idNumber: VALID_ID });
    expect(sessionStore.get().user?.verified).toBe(true);
  });
});
