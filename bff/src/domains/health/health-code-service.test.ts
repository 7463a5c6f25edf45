import type { HealthColour, MaskedIdentity } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import { HealthCodeService } from './health-code-service';
import type { PersonDirectoryPort, PersonHealthStatus } from './health-ports';

const RED: PersonHealthStatus = { colour: 'red', reasons: [{ rule: 'close_contact', text: '您是密切接触者', greenCondition: '最后一次接触满14天后转绿', until: '2026-12-15' }], greenFrom: '2026-12-15' };

function setup(issuer = { issueLive: async (personId: string, colour: HealthColour) => ({ code: `GPC1.${personId}.${colour}`, issuedAt: '2026-12-04T02:00:00.000Z', expiresAt: '2026-12-04T02:01:00.000Z' }) }) {
  const directory: PersonDirectoryPort = {
    requirePersonOf: async (accountId) => {
      if (accountId === 'unverified') throw new AppError(403, 'IDENTITY_REQUIRED', 'verify first');
      return 'p-holder';
    },
    familyMemberIds: async () => ['p-child'],
    // As identity's PersonDirectory decides it: oneself, a family member, else 404 NOT_FOUND.
    resolveSubject: async (accountId, personId) => {
      if (accountId === 'unverified') throw new AppError(403, 'IDENTITY_REQUIRED', 'verify first');
      if (personId === undefined || personId === 'p-holder' || personId === 'p-child') return personId ?? 'p-holder';
      throw new AppError(404, 'NOT_FOUND', 'No such family member');
    },
    maskedIdentity: async (personId): Promise<MaskedIdentity> => ({ name: personId === 'p-child' ? '李*' : '王*', idNumber: '1101**********002X' }),
  };
  const statuses: Record<string, PersonHealthStatus> = { 'p-holder': { colour: 'green', reasons: [], greenFrom: null }, 'p-child': RED };
  const history = jest.fn(async () => [{ at: '2026-12-04T02:00:00.000Z', from: 'green' as const, to: 'red' as const, cause: 'import:close_contact' }]);
  const service = new HealthCodeService({ statusOf: async (id) => statuses[id] }, { history }, directory, issuer);
  return { service, history };
}

describe('HealthCodeService (fake issuer)', () => {
  it("shows the caller's own code with the colour the issuer signed", async () => {
    const { service } = setup();
    expect(await service.code('acc-1')).toEqual({
      code: 'GPC1.p-holder.green',
      colour: 'green',
      issuedAt: '2026-12-04T02:00:00.000Z',
      expiresAt: '2026-12-04T02:01:00.000Z',
      reasons: [],
      greenFrom: null,
      person: { personId: 'p-holder', maskedName: '王*' },
    });
  });

  it('takes the caller from their session when it names them: no directory look-up for oneself', async () => {
    const { service } = setup();
    const self = { personId: 'p-holder', maskedName: '王*' };
    // 'unverified' would make the directory throw: it must not be asked.
    expect(await service.code('unverified', undefined, self)).toMatchObject({ code: 'GPC1.p-holder.green', person: self });
    expect(await service.code('unverified', 'p-holder', self)).toMatchObject({ person: self });
    // A family member still goes through the directory's family check.
    await expect(service.code('unverified', 'p-child', self)).rejects.toMatchObject({ code: 'IDENTITY_REQUIRED' });
  });

  it("shows a family member's code with reasons and green-from day", async () => {
    const { service } = setup();
    expect(await service.code('acc-1', 'p-child')).toMatchObject({ code: 'GPC1.p-child.red', colour: 'red', reasons: RED.reasons, greenFrom: '2026-12-15', person: { maskedName: '李*' } });
  });

  it('refuses someone who is neither the caller nor family, and an unverified caller', async () => {
    const { service, history } = setup();
    await expect(service.code('acc-1', 'p-stranger')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    await expect(service.history('acc-1', 'p-stranger')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(history).not.toHaveBeenCalled();
    await expect(service.code('unverified')).rejects.toMatchObject({ status: 403, code: 'IDENTITY_REQUIRED' });
  });

  it("passes the issuer's refusal on (503 while the personal code is not wired)", async () => {
    const { service } = setup({
      issueLive: async () => {
        throw new AppError(503, 'STORE_UNAVAILABLE', 'not yet');
      },
    });
    await expect(service.code('acc-1')).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
  });

  it('history of a family member', async () => {
    const { service, history } = setup();
    expect((await service.history('acc-1', 'p-child')).items).toHaveLength(1);
    expect(history).toHaveBeenCalledWith('p-child', 100);
  });
});
