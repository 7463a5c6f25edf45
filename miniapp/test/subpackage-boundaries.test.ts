import fs from 'node:fs';
import path from 'node:path';

/**
 * The mask pages are one subpackage (packageMasks) so the main package, downloaded before the
 * home page shows, stays small. Taro moves a module into the subpackage only when nothing in the
 * main package imports it, so main-package code must not reach the mask schemas, the mask client
 * or the QR builder. (scripts/check-output.js checks the built main package as well.)
 */
const SRC = path.resolve(__dirname, '../src');
const SUBPACKAGE = 'packageMasks';
// The mask contract pulls in every mask schema; qrcode is ~25 kB.
const SUBPACKAGE_ONLY = [/api\/mask-(contract|client|api)$/, /^qrcode/, /^packageMasks\//];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return Array.from(text.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm), (m) => m[1]).map((spec) =>
    spec.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), spec)) : spec,
  );
}

describe('subpackage boundaries', () => {
  const all = files(SRC);
  // The mask API modules sit in src/api but only the subpackage imports them.
  const maskApiModules = all.filter((f) => /api\/mask-(contract|client|api)\.ts$/.test(f));
  const mainFiles = all.filter((f) => !path.relative(SRC, f).startsWith(`${SUBPACKAGE}/`) && !maskApiModules.includes(f));

  it('finds the files it checks', () => {
    expect(all.some((f) => f.includes(`${SUBPACKAGE}/pages/redeem/index.tsx`))).toBe(true);
    expect(maskApiModules).toHaveLength(3);
    expect(importsOf(path.join(SRC, 'packageMasks/pages/confirm/use-booking.ts'))).toContain('api/mask-api');
  });

  it('main-package code imports no mask schemas, mask client, QR builder or subpackage file', () => {
    const offenders = mainFiles.flatMap((f) =>
      importsOf(f)
        .filter((spec) => SUBPACKAGE_ONLY.some((re) => re.test(spec)))
        .map((spec) => `${path.relative(SRC, f)} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the family contract the main package carries (家人管理) imports no mask contract', () => {
    const SHARED = path.resolve(__dirname, '../../shared-types/src');
    // Modules the family contract puts in a bundle: relative value imports (`import type` is erased).
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^import\s(?!type\s)[^'"]*['"](\.[^'"]+)['"]/gm)) visit(path.resolve(path.dirname(file), `${m[1]}.ts`));
    };
    visit(path.join(SHARED, 'family.ts'));
    visit(path.join(SHARED, 'identity-routes.ts'));
    const reached = Array.from(seen, (f) => path.relative(SHARED, f)).sort();
    expect(reached).toEqual(['common.ts', 'family.ts', 'id-number.ts', 'identity-routes.ts', 'identity.ts']);
    expect(importsOf(path.join(SRC, 'pages/family/use-family.ts'))).toContain('api/family-api');
  });

  it('app.config.ts declares the mask pages as one subpackage', () => {
    const config = fs.readFileSync(path.join(SRC, 'app.config.ts'), 'utf8');
    expect(config.match(/root: '/g)).toHaveLength(1);
    expect(config).toContain(`root: '${SUBPACKAGE}'`);
  });
});
