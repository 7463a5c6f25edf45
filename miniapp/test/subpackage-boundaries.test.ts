import fs from 'node:fs';
import path from 'node:path';
import { VERIFYING_ROLES } from '@govpass/shared-types';
import { VERIFIER_ROLES } from '../src/constants/services';

/**
 * The services are subpackages (packageMasks, packageHealth) so the main package, downloaded before
 * the home page shows, stays small. Taro moves a module into a subpackage only when nothing in the
 * main package imports it (a module several subpackages share is copied into each), so main-package
 * code must not reach the route schemas, the API clients built on them, the QR builder, the
 * offline verifier or any subpackage file. (scripts/check-output.js checks the built main package as well.)
 */
const SRC = path.resolve(__dirname, '../src');
const SUBPACKAGES = ['packageMasks', 'packageHealth', 'packageScan', 'packageVenues', 'packageHall', 'packageAdmin'];
// Modules outside the subpackage folders that only subpackages may import.
const SUBPACKAGE_ONLY = [
  /^api\/(mask|code|health|venue|hall|admin)-(contract|client|api)$/,
  /^api\/contract-client$/,
  /^api\/family-source$/,
  /^lib\//,
  /^qrcode/,
  /^@noble\//,
  /^@govpass\/shared-types\/src\/(masks|mask-routes|personal-code|code-routes|health|health-routes|venues|venue-routes|tracing|halls|hall-tickets|hall-routes|appointments|appointment-routes|mask-operations|audit|admin-routes)$/,
  /^package(Masks|Health|Scan|Venues|Hall|Admin)\//,
];

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
  const isSubpackageOnly = (f: string) => {
    const rel = path.relative(SRC, f).replace(/\.tsx?$/, '');
    return SUBPACKAGE_ONLY.some((re) => re.test(rel));
  };
  const mainFiles = all.filter((f) => !isSubpackageOnly(f));

  it('finds the files it checks', () => {
    expect(all.some((f) => f.includes('packageMasks/pages/redeem/index.tsx'))).toBe(true);
    expect(all.some((f) => f.includes('packageHealth/pages/verify/index.tsx'))).toBe(true);
    expect(mainFiles.some((f) => f.endsWith('pages/index/index.tsx'))).toBe(true);
    expect(mainFiles.some((f) => f.includes('packageHealth'))).toBe(false);
    expect(importsOf(path.join(SRC, 'packageMasks/pages/confirm/use-booking.ts'))).toContain('api/mask-api');
  });

  it('main-package code imports no route schemas, subpackage client, QR builder, verifier or subpackage file', () => {
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

  it('app.config.ts declares the mask, health and hall pages as subpackages', () => {
    const config = fs.readFileSync(path.join(SRC, 'app.config.ts'), 'utf8');
    expect(config.match(/root: '/g)).toHaveLength(SUBPACKAGES.length);
    for (const root of SUBPACKAGES) expect(config).toContain(`root: '${root}'`);
  });

  it("the home page's verifier roles are the contract's", () => {
    expect([...VERIFIER_ROLES].sort()).toEqual([...VERIFYING_ROLES].sort());
  });
});
