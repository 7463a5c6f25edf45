import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRIVACY_POLICY_DIR } from '../../app';
import { loadPrivacyPolicy } from './privacy-policy';

describe('loadPrivacyPolicy', () => {
  it('reads the version in force from the repository', () => {
    const policy = loadPrivacyPolicy(PRIVACY_POLICY_DIR);
    expect(policy).toMatchObject({ version: 'v1', effectiveFrom: '2026-12-05', title: '政务通隐私政策' });
    expect(policy.text).toContain('注销账号');
  });

  it('stops the start naming the file when the manifest or the text is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ current: 'v2', versions: { v1: { effectiveFrom: '2026-12-05' } } }));
    expect(() => loadPrivacyPolicy(dir)).toThrow(/current version v2 is not listed/);
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ current: 'v2', versions: { v2: { effectiveFrom: '2027-01-01' } } }));
    expect(() => loadPrivacyPolicy(dir)).toThrow(/Missing privacy policy text .*v2\.md/);
    writeFileSync(join(dir, 'policy.json'), '{ not json');
    expect(() => loadPrivacyPolicy(dir)).toThrow(/Invalid privacy policy manifest/);
  });
});
