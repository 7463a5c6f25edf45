#!/usr/bin/env node
/**
 * Parses every JavaScript file of a mini-program build with a real parser (acorn, what es-check
 * uses) at the syntax level the oldest supported runtime accepts, so no device depends on a
 * developer tool's own "ES6 → ES5" setting:
 *
 * - every file must parse as ES2017 (the main package, the mask subpackage, shared chunks);
 * - except files of the health subpackage's offline verifier (`@noble/ed25519`, `@noble/hashes`),
 *   which are ES2020 by nature: BigInt literals (`2n ** 255n`) cannot be transpiled away (Babel
 *   would turn them into Math.pow(2n, …), a TypeError) and need a runtime with BigInt (WeChat and
 *   Alipay on iOS ≥ 14, any current Android). Those files must parse as ES2020, must lie inside
 *   `packageHealth/` (only the verifier pages load them), and are listed in the report.
 *
 * Usage: node scripts/check-syntax.js <weapp|alipay> [dist dir]   (default dist/<target>)
 */
const fs = require('node:fs');
const path = require('node:path');
const acorn = require('acorn');

const BASE = 2017;
/** Only this subpackage may carry ES2020 (BigInt) code, and only code that needs it. */
const BIGINT_SUBPACKAGE = 'packageHealth';

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : e.name.endsWith('.js') ? [full] : [];
  });
}

/** null when `code` parses at `ecmaVersion`, else the parser's message with its line and column. */
function parseError(code, ecmaVersion) {
  try {
    acorn.parse(code, { ecmaVersion, sourceType: 'script', allowHashBang: true });
    return null;
  } catch (err) {
    return err.message;
  }
}

/** A BigInt literal: the one ES2020 feature the @noble code brings. */
const BIGINT_LITERAL = /\b\d[\d_]*n\b|\b0x[\da-f_]+n\b/i;

function check(target, dir) {
  if (!fs.existsSync(path.join(dir, 'app.json'))) {
    return { problems: [`${dir} has no app.json: run npm run build:${target} first`], es2020: [], files: 0 };
  }
  const problems = [];
  const es2020 = [];
  const files = walk(dir);
  for (const file of files) {
    const rel = path.relative(dir, file);
    const code = fs.readFileSync(file, 'utf8');
    const base = parseError(code, BASE);
    if (base === null) continue;
    const modern = parseError(code, 2020);
    const inSubpackage = rel.startsWith(`${BIGINT_SUBPACKAGE}/`);
    if (modern === null && inSubpackage && BIGINT_LITERAL.test(code)) {
      es2020.push(rel);
      continue;
    }
    problems.push(`${rel}: not ES${BASE} (${base})${modern === null ? '; it parses as ES2020' : ''}${inSubpackage ? '' : ' — outside the BigInt subpackage'}`);
  }
  return { problems, es2020, files: files.length };
}

if (require.main === module) {
  const target = process.argv[2];
  if (target !== 'weapp' && target !== 'alipay') {
    console.error('usage: node scripts/check-syntax.js <weapp|alipay> [dist dir]');
    process.exit(2);
  }
  const dir = path.resolve(process.argv[3] || path.join(__dirname, '..', 'dist', target));
  const { problems, es2020, files } = check(target, dir);
  for (const f of es2020) console.log(`check-syntax ${target}: ${f} is ES2020 (BigInt, @noble offline verifier; ${BIGINT_SUBPACKAGE} only)`);
  if (problems.length > 0) {
    for (const p of problems) console.error(`check-syntax ${target}: ${p}`);
    process.exit(1);
  }
  console.log(`check-syntax ${target}: ${files} files parse as ES${BASE}${es2020.length ? `, ${es2020.length} in ${BIGINT_SUBPACKAGE} as ES2020 (BigInt)` : ''}`);
}

module.exports = { check };
