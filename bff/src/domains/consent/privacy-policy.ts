import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '@govpass/config';
import { PolicyVersion, type PrivacyPolicyResponse } from '@govpass/shared-types';

const Manifest = z.object({
  current: PolicyVersion,
  versions: z.record(PolicyVersion, z.object({ effectiveFrom: z.iso.date() })),
});

/**
 * The privacy policy in force, read once at start from `<dir>/policy.json` (which version is current)
 * and `<dir>/<version>.md` (its text). A missing or bad file stops the start, naming it.
 */
export function loadPrivacyPolicy(dir: string): PrivacyPolicyResponse {
  const manifestFile = join(dir, 'policy.json');
  let manifest: z.infer<typeof Manifest>;
  try {
    manifest = Manifest.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  } catch (err) {
    throw new ConfigError(`Invalid privacy policy manifest ${manifestFile}: ${(err as Error).message}`);
  }
  const entry = manifest.versions[manifest.current];
  if (!entry) throw new ConfigError(`${manifestFile}: current version ${manifest.current} is not listed under versions`);
  const textFile = join(dir, `${manifest.current}.md`);
  let text: string;
  try {
    text = readFileSync(textFile, 'utf8');
  } catch (err) {
    throw new ConfigError(`Missing privacy policy text ${textFile}: ${(err as Error).message}`);
  }
  const title = /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? '隐私政策';
  return { version: manifest.current, effectiveFrom: entry.effectiveFrom, title, text };
}
