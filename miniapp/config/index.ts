import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { apiBaseFor } from './api-base';
import { devConfig } from './dev';
import { prodConfig } from './prod';

type Target = 'weapp' | 'alipay' | 'h5';

// shared-types is raw TypeScript from a sibling workspace: without this webpack refuses to parse it.
// @noble/ed25519 and @noble/hashes (offline code verifier) are deliberately NOT compiled: they are
// ES2020+ with BigInt, which webpack bundles as is, while Babel for old targets would turn `2n ** 256n`
// into Math.pow(2n, 256n), a TypeError at run time. They need a runtime with BigInt (WeChat/Alipay on
// iOS ≥ 14 and any current Android).
const SHARED_TYPES_DIR = path.resolve(__dirname, '../../shared-types');

/**
 * Mini-programs: dependencies are compiled by Babel too (to the browserslist in package.json), so
 * the main package ships no syntax newer than ES2017 (zod's object spread was ES2018, which only
 * WeChat DevTools' own "ES6 → ES5" upload setting covered, and Alipay has none). Not compiled: the
 * @noble offline verifier (BigInt, see above; ES2020 in packageHealth only, scripts/check-syntax.js
 * enforces both), Babel's own runtime helpers and core-js (compiling them into themselves loops).
 */
const NOT_COMPILED = /node_modules[\\/](?:@noble|@babel[\\/]runtime|core-js)[\\/]/; // @noble: compileNobleToEs2020
function compiledDependency(file: string): boolean {
  return /node_modules[\\/]/.test(file) && !NOT_COMPILED.test(file);
}

function currentTarget(): Target {
  const env: string | undefined = process.env.TARO_ENV;
  if (env === 'weapp' || env === 'alipay' || env === 'h5') return env;
  throw new Error(`govpass miniapp supports weapp, alipay and h5, not "${env ?? '(unset)'}"`);
}

/**
 * shared-types only defines schemas and types. Saying so lets webpack skip the modules a bundle
 * does not use: its index re-exports the mask contract, which only the packageMasks subpackage
 * needs, and without this every import of the index would put the mask schemas in the main package.
 */
interface ChainRule {
  test(value: RegExp): ChainRule;
  include: { add(value: string | RegExp): { end(): ChainRule } };
  use(name: string): { loader(path: string): { options(value: object): unknown } };
}
interface Chain {
  module: { rule(name: string): ChainRule };
}
/**
 * The @noble offline verifier, compiled by its own rule to the oldest syntax that keeps BigInt:
 * the preset-env targets below have BigInt (iOS 14, Chrome 67) but not class fields, so @noble's
 * `static ZERO;` fields (ES2022) become constructor assignments, while `2n ** 255n` stays as it is
 * (Babel's main rule would turn `**` into Math.pow, a TypeError on BigInt). Result: ES2020, BigInt
 * being the only ES2020 feature; scripts/check-syntax.js holds it to that and to packageHealth.
 */
const NOBLE = /node_modules[\\/]@noble[\\/]/;
function compileNobleToEs2020(chain: Chain): void {
  chain.module
    .rule('govpass-noble-es2020')
    .test(/\.m?js$/)
    .include.add(NOBLE)
    .end()
    .use('babel')
    .loader(require.resolve('babel-loader'))
    .options({
      babelrc: false,
      configFile: false,
      presets: [[require.resolve('@babel/preset-env'), { targets: { ios: '14', chrome: '67', android: '67' }, modules: false, bugfixes: true }]],
    });
}

function miniChain(chain: Chain): void {
  markSharedTypesPure(chain);
  compileNobleToEs2020(chain);
}

function markSharedTypesPure(chain: Chain): void {
  const rule = chain.module.rule('govpass-shared-types-pure').test(/\.ts$/).include.add(SHARED_TYPES_DIR).end();
  // webpack-chain's Rule has sideEffects(); its type declarations predate it.
  (rule as unknown as { sideEffects(value: boolean): unknown }).sideEffects(false);
}

/**
 * Subscribe-message template ids for this target, as JSON `{"health_colour_changed": "<id>", …}` in
 * GOVPASS_SUBSCRIBE_TEMPLATES_WEAPP / _ALIPAY: the same ids the BFF's notifications.templates holds.
 */
function subscribeTemplatesFor(target: Target): Record<string, string> {
  if (target === 'h5') return {};
  const raw = process.env[`GOVPASS_SUBSCRIBE_TEMPLATES_${target.toUpperCase()}`];
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new Error(`GOVPASS_SUBSCRIBE_TEMPLATES_${target.toUpperCase()} must be a JSON object of template name → template id`);
  }
  return parsed as Record<string, string>;
}

export default defineConfig<'webpack5'>((merge, { mode }) => {
  const target = currentTarget();
  const isDev = mode === 'development' || process.env.NODE_ENV === 'development';
  // H5 is served by the BFF on the same origin (relative URLs); mini-programs need an https host in production.
  const apiBase = apiBaseFor(target, !isDev, process.env.GOVPASS_API_BASE);
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'govpass',
    date: '2024-11-22',
    // Styles are written against a 375px-wide phone; Taro turns px into rpx (mini) or rem (H5).
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One folder per target so building one never wipes another.
    outputRoot: `dist/${target}`,
    plugins: [],
    defineConstants: {
      GOVPASS_API_BASE: JSON.stringify(apiBase),
      GOVPASS_SUBSCRIBE_TEMPLATES: JSON.stringify(subscribeTemplatesFor(target)),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [SHARED_TYPES_DIR, compiledDependency] },
      webpackChain: miniChain,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [SHARED_TYPES_DIR] },
      webpackChain: markSharedTypesPure,
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  return Promise.resolve(merge({}, baseConfig, isDev ? devConfig : prodConfig));
});
