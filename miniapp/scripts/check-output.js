#!/usr/bin/env node
/**
 * `taro build` can exit 0 without writing anything (e.g. when config validation fails), or leave
 * a previous build in place. This check fails unless dist/<target> is complete and newer than the
 * sources it was built from.
 *
 * Usage: node scripts/check-output.js <weapp|alipay|h5>
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SOURCE_DIRS = ['src', 'config'].map((d) => path.join(ROOT, d));

/** Per target: files every build has, and the per-page files the page list implies. */
const TARGETS = {
  weapp: { appFiles: ['app.json', 'app.js', 'app.wxss'], pageExts: ['.js', '.json', '.wxml'] },
  // mini.project.json: Alipay's project file (from project.alipay.json), which its tools and CLI need.
  alipay: { appFiles: ['app.json', 'app.js', 'app.acss', 'mini.project.json'], pageExts: ['.js', '.json', '.axml'] },
  h5: { appFiles: ['index.html'], pageExts: [] },
};

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

function newestMtime(files) {
  return files.reduce((max, f) => Math.max(max, fs.statSync(f).mtimeMs), 0);
}

/**
 * Text that only the mask subpackage may contain: if a main-package file has it, Taro's chunk
 * splitting moved subpackage code (mask schemas, the mask client) into the main package.
 */
const SUBPACKAGE_ONLY_TEXT = ['/api/v1/masks/', 'idempotency-key'];

function mainPackageProblems(outDir, subRoots) {
  const inSubpackage = (file) => subRoots.some((root) => path.relative(outDir, file).startsWith(`${root}/`));
  return walk(outDir)
    .filter((f) => f.endsWith('.js') && !inSubpackage(f))
    .flatMap((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return SUBPACKAGE_ONLY_TEXT.filter((t) => text.includes(t)).map((t) => `main-package file ${path.relative(outDir, f)} contains "${t}" (subpackage code leaked into the main package)`);
    });
}

function miniProgramProblems(outDir, spec) {
  const problems = [];
  const appJsonPath = path.join(outDir, 'app.json');
  if (!fs.existsSync(appJsonPath)) return ['app.json is missing'];
  const appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'));
  const { pages = [] } = appJson;
  if (pages.length === 0) problems.push('app.json lists no pages');
  // Subpackage pages live under their root (app.config.ts `subPackages`).
  const subPages = (appJson.subPackages || appJson.subpackages || []).flatMap((sub) =>
    (sub.pages || []).map((page) => `${sub.root.replace(/\/+$/, '')}/${page}`),
  );
  for (const page of [...pages, ...subPages]) {
    for (const ext of spec.pageExts) {
      if (!fs.existsSync(path.join(outDir, page + ext))) problems.push(`page file ${page}${ext} is missing`);
    }
  }
  const subRoots = (appJson.subPackages || appJson.subpackages || []).map((sub) => sub.root.replace(/\/+$/, ''));
  return [...problems, ...mainPackageProblems(outDir, subRoots)];
}

function h5Problems(outDir) {
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const scripts = walk(outDir).filter((f) => f.endsWith('.js'));
  const problems = [];
  if (scripts.length === 0) problems.push('no JavaScript bundle was written');
  if (!/<script[^>]+src=/.test(html)) problems.push('index.html loads no script');
  return problems;
}

function check(target) {
  const spec = TARGETS[target];
  if (!spec) return [`unknown target "${target}" (expected ${Object.keys(TARGETS).join(', ')})`];
  const outDir = path.join(ROOT, 'dist', target);
  if (!fs.existsSync(outDir)) return [`${path.relative(ROOT, outDir)} does not exist`];
  const missing = spec.appFiles.filter((f) => !fs.existsSync(path.join(outDir, f)));
  if (missing.length > 0) return missing.map((f) => `${f} is missing`);
  const problems = target === 'h5' ? h5Problems(outDir) : miniProgramProblems(outDir, spec);
  const builtAt = fs.statSync(path.join(outDir, spec.appFiles[0])).mtimeMs;
  const sourcesAt = newestMtime(SOURCE_DIRS.flatMap(walk));
  if (sourcesAt > builtAt) problems.push('output is older than the sources: the last build did not write it');
  return problems;
}

const target = process.argv[2];
const problems = check(target);
if (problems.length > 0) {
  console.error(`check-output ${target ?? ''}: FAILED`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`check-output ${target}: ok (dist/${target})`);
