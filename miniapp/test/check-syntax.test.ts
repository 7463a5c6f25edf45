/**
 * @jest-environment node
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The CI script is CommonJS JavaScript; its one export is typed here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { check } = require('../scripts/check-syntax.js') as { check: (target: string, dir: string) => { problems: string[]; es2020: string[]; files: number } };

/** scripts/check-syntax.js on a made-up build: ES2017 everywhere, ES2020 (BigInt) only in packageHealth. */
let dir: string;
const put = (rel: string, code: string) => {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), code);
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gp-syntax-'));
  put('app.json', '{}');
  put('app.js', 'var a = async function () { await 1; };');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('check-syntax', () => {
  it('passes ES2017 and the verifier’s BigInt in packageHealth, and lists the latter', () => {
    put('packageHealth/pages/verify/index.js', 'var p = 2n ** 255n - 19n;');
    expect(check('weapp', dir)).toEqual({ problems: [], es2020: ['packageHealth/pages/verify/index.js'], files: 2 });
  });

  it('refuses ES2018 in the main package (object spread), BigInt outside packageHealth, and ES2022 anywhere', () => {
    put('vendors.js', 'var o = { ...a };');
    put('packageMasks/x.js', 'var n = 1n;');
    put('packageHealth/y.js', 'class A { static ZERO; }');
    const { problems } = check('alipay', dir);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/vendors\.js: not ES2017/);
    expect(problems.join('\n')).toMatch(/packageMasks\/x\.js: not ES2017 .*outside the BigInt subpackage/);
    expect(problems.join('\n')).toMatch(/packageHealth\/y\.js: not ES2017/);
  });

  it('says so when there is no build', () => {
    rmSync(join(dir, 'app.json'));
    expect(check('weapp', dir).problems[0]).toMatch(/no app\.json: run npm run build:weapp first/);
  });
});
