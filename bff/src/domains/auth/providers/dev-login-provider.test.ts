import { AppError } from '../../../core/app-error';
import { DevLoginProvider } from './dev-login-provider';

describe('DevLoginProvider', () => {
  const provider = new DevLoginProvider();

  it.each([
    ['dev:citizen-1', 'citizen-1'],
    ['dev:admin', 'admin'],
    ['dev:pharmacist-1', 'pharmacist-1'],
    ['dev:0', '0'],
    [`dev:a${'b'.repeat(39)}`, `a${'b'.repeat(39)}`],
  ])('logs %s in as %s', async (code, channelUserId) => {
    await expect(provider.exchange(code)).resolves.toEqual({ channelUserId });
  });

  it.each([
    '',
    'dev:',
    'admin',
    'prod:admin',
    'DEV:admin',
    'dev:Admin',
    'dev:-admin',
    'dev:ad min',
    'dev:admin_1',
    'dev:admin\n',
    ' dev:admin',
    'dev:citizen-1:x',
    `dev:a${'b'.repeat(40)}`,
  ])('refuses %j with 401 LOGIN_CODE_INVALID', async (code) => {
    const err = await provider.exchange(code).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 401, code: 'LOGIN_CODE_INVALID' });
  });
});
