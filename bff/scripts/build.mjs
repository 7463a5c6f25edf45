// Compiles a Node entry point of the BFF (default: src/server.ts) into one CommonJS file, as
// production runs it: no TypeScript transform at run time. tsx, which `npm run start:dev` and the
// tests use, compiles with esbuild's keepNames, which wraps every closure the code creates in a
// defineProperty call; on the booking path that was measurable (docs/benchmarks.md).
//
//   node bff/scripts/build.mjs [entry.ts out.js]…     (paths relative to the repository root)
//
// npm packages stay external (node_modules as installed); the workspace packages
// (@govpass/config, @govpass/shared-types) are bundled from their TypeScript sources. Files that
// read beside themselves (Lua scripts, config JSON) keep doing so: `__dirname` in our own sources
// is rewritten to the source file's folder, relative to the bundle, so the bundle reads them from
// the source tree it was built from.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(SELF), '../..');

function sourceDirnames(outdir) {
  return {
    name: 'source-dirname',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('__dirname')) return { contents: text, loader: 'ts' };
        const rel = JSON.stringify(relative(outdir, dirname(args.path)) || '.');
        return { contents: text.replace(/\b__dirname\b/g, `require('node:path').resolve(__dirname, ${rel})`), loader: 'ts' };
      });
    },
  };
}

/** The workspace packages are raw TypeScript: bundle them from source (deep imports too). */
function workspaceSources() {
  return {
    name: 'workspace-sources',
    setup(b) {
      b.onResolve({ filter: /^@govpass\/(config|shared-types)(\/.*)?$/ }, (args) => {
        const [, pkg, sub] = /^@govpass\/([^/]+)(\/.*)?$/.exec(args.path);
        const base = resolve(ROOT, pkg, sub ? sub.slice(1) : 'src/index');
        const file = [base, `${base}.ts`, resolve(base, 'index.ts')].find((f) => existsSync(f) && f.endsWith('.ts'));
        return file ? { path: file } : { errors: [{ text: `no TypeScript source for ${args.path}` }] };
      });
    },
  };
}

export async function buildNodeEntry(entry, outfile) {
  const out = resolve(ROOT, outfile);
  await build({
    entryPoints: [resolve(ROOT, entry)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [workspaceSources(), sourceDirnames(dirname(out))],
  });
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  const args = process.argv.slice(2);
  const pairs = args.length > 0 ? args : ['bff/src/server.ts', 'bff/dist/server.js'];
  if (pairs.length % 2 !== 0) throw new Error('usage: build.mjs [entry.ts out.js]…');
  for (let i = 0; i < pairs.length; i += 2) {
    const out = await buildNodeEntry(pairs[i], pairs[i + 1]);
    process.stdout.write(`built ${relative(ROOT, out)}\n`);
  }
}
