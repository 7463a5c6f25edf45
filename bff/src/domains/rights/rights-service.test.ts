import type { AuditEntry, AuditLog } from '../audit/audit-log';
import type { PersonalDataEraser } from './rights-ports';
import { RightsService } from './rights-service';

function recordingAudit(): { audit: AuditLog; entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return { audit: { record: async (e: AuditEntry) => void entries.push(e) } as unknown as AuditLog, entries };
}

const subject = { accountId: 'acc-1', personId: 'p-1', requestId: 'req-1' };

describe('RightsService', () => {
  it('collects one section per contributor and audits the export', async () => {
    const { audit, entries } = recordingAudit();
    const rights = new RightsService(
      [
        { section: 'a', contribute: async () => ({ x: 1 }) },
        { section: 'b', contribute: async (s) => [s.personId] },
      ],
      [],
      audit,
      () => Date.parse('2026-12-05T00:00:00Z'),
    );
    const out = await rights.export(subject);
    expect(out.sections).toEqual({ a: { x: 1 }, b: ['p-1'] });
    expect(out.exportedAt).toBe('2026-12-05T00:00:00.000Z');
    expect(entries).toEqual([expect.objectContaining({ action: 'privacy.export', targetId: 'acc-1', details: { sections: ['a', 'b'] } })]);
  });

  it('runs the erasers in order, audits each step, and refuses without the phrase (nothing run)', async () => {
    const { audit, entries } = recordingAudit();
    const ran: string[] = [];
    const eraser = (domain: string): PersonalDataEraser => ({ domain, erase: async () => (ran.push(domain), { n: ran.length }) });
    const rights = new RightsService([], [eraser('sessions'), eraser('masks'), eraser('account')], audit);

    await expect(rights.deleteAccount(subject, '注销')).rejects.toMatchObject({ status: 422, code: 'CONFIRMATION_MISMATCH' });
    expect(ran).toEqual([]);
    expect(entries).toEqual([]);

    const res = await rights.deleteAccount(subject, ' 确认注销 ');
    expect(ran).toEqual(['sessions', 'masks', 'account']);
    expect(res.steps).toEqual([
      { domain: 'sessions', counts: { n: 1 } },
      { domain: 'masks', counts: { n: 2 } },
      { domain: 'account', counts: { n: 3 } },
    ]);
    expect(entries.map((e) => e.action)).toEqual(['account.delete_requested', 'account.erase_step', 'account.erase_step', 'account.erase_step', 'account.deleted']);
  });

  it('stops at a failing step, leaving the steps done so far audited (the steps are safe to run again)', async () => {
    const { audit, entries } = recordingAudit();
    const rights = new RightsService([], [{ domain: 'one', erase: async () => ({}) }, { domain: 'two', erase: () => Promise.reject(new Error('store down')) }], audit);
    await expect(rights.deleteAccount(subject, '确认注销')).rejects.toThrow('store down');
    expect(entries.map((e) => [e.action, e.details?.domain])).toEqual([
      ['account.delete_requested', undefined],
      ['account.erase_step', 'one'],
    ]);
  });
});
