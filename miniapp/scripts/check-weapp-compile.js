#!/usr/bin/env node
/**
 * Runs WeChat's own template (wcc) and style (wcsc) compilers, shipped in the npm package
 * `miniprogram-compiler`, over the weapp build so template/style errors fail CI instead of
 * surfacing only in WeChat's developer tools.
 *
 * Usage: node scripts/check-weapp-compile.js [dir]   (default: dist/weapp)
 */
const fs = require('node:fs');
const path = require('node:path');

const COMPILER_DIR = path.dirname(require.resolve('miniprogram-compiler/package.json'));
// Large enough for Taro's generated base.wxml compiled in debug mode.
const MAX_BUFFER = 64 * 1024 * 1024;

function listFiles(dir, ext) {
  const out = [];
  const visit = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(child);
      } else if (entry.name.endsWith(ext)) out.push(child);
    }
  };
  visit('');
  return out.sort();
}

function stripExt(file, ext) {
  return file.slice(0, -ext.length);
}

/**
 * The package ships its Linux binaries without the exec bit; its own chmod runs lazily and
 * ignores failures, so do it up front and fail loudly if it is impossible.
 */
function ensureExecutable() {
  if (process.platform !== 'linux') return;
  for (const bin of ['wcc', 'wcsc']) {
    const file = path.join(COMPILER_DIR, 'bin', 'linux', bin);
    try {
      fs.accessSync(file, fs.constants.X_OK);
    } catch {
      fs.chmodSync(file, 0o755);
    }
  }
}

function compileWxml(dir) {
  const wcc = require('miniprogram-compiler/src/wcc');
  const wxml = listFiles(dir, '.wxml');
  const wxs = listFiles(dir, '.wxs');
  if (wxml.length === 0) return ['no .wxml files found'];
  try {
    // Throws with wcc's stderr on any template error.
    wcc(dir, wxml.map((f) => stripExt(f, '.wxml')), wxs, { maxBuffer: MAX_BUFFER });
    console.log(`wcc: ${wxml.length} .wxml + ${wxs.length} .wxs compiled`);
    return [];
  } catch (error) {
    return [`wcc: ${error.message.trim()}`];
  }
}

function compileWxss(dir) {
  // The module, not wxssToJs(): wxssToJs() drops the Error this returns and carries on.
  const wcsc = require('miniprogram-compiler/src/wcsc');
  const wxss = listFiles(dir, '.wxss');
  if (wxss.length === 0) return ['no .wxss files found'];
  const result = wcsc(dir, wxss.map((f) => stripExt(f, '.wxss')), { maxBuffer: MAX_BUFFER });
  if (result instanceof Error) return [`wcsc: ${result.message.trim()}`];
  console.log(`wcsc: ${wxss.length} .wxss compiled`);
  return [];
}

function main() {
  const dir = path.resolve(process.argv[2] || path.join(__dirname, '..', 'dist', 'weapp'));
  if (!fs.existsSync(path.join(dir, 'app.json'))) {
    console.error(`check-weapp-compile: ${dir} has no app.json; run npm run build:weapp first`);
    process.exit(1);
  }
  ensureExecutable();
  const problems = [...compileWxml(dir), ...compileWxss(dir)];
  if (problems.length > 0) {
    console.error(`check-weapp-compile: FAILED for ${dir}`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(`check-weapp-compile: ok (${dir})`);
}

main();
