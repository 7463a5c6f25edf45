// One lint for the whole repo: type-aware typescript-eslint everywhere, the React hooks rules for
// the mini-program. Why each rule is set as it is: docs/lint.md.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import jest from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    'miniapp/dist/',
    'bff/dist/',
    'bench/.build/',
    'coverage/',
    'artifacts/',
    '.data/',
    '.ci/tmp/',
    '.swc/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // Each file is checked with the tsconfig that owns it (root, miniapp/, bench/), as tsc does.
      parserOptions: {
        // The declaration of bff/scripts/build.mjs belongs to no tsconfig (bench imports the .mjs).
        projectService: { allowDefaultProject: ['bff/scripts/*.d.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Koa middleware, router handlers, event emitters and timers take a callback whose promise they
      // handle themselves (Koa awaits it, its error middleware catches); passing an async function
      // there is the API, not a lost promise. Still checked: async functions where a void-returning
      // property or return value is expected, and promises in conditions.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // `_`-prefixed names document an argument a signature demands but the body does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // Plain JS (build scripts, jest and babel configs): no type information, so no type-aware rules.
  {
    files: ['**/*.{js,cjs,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.js'],
    ignores: ['bff/scripts/**'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    // CommonJS config files load their dependencies with require(); there is no import to use.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },

  // Tests and their doubles.
  {
    files: ['test/**/*.{ts,tsx}', '**/*.test.{ts,tsx}', 'miniapp/test/**/*.{ts,tsx}', 'miniapp/test-doubles/**/*.{ts,tsx}'],
    plugins: { jest },
    rules: {
      // `expect(double.method).toHaveBeenCalled()` passes a method without calling it; jest's variant
      // of the rule knows expect() and still reports every other unbound method.
      '@typescript-eslint/unbound-method': 'off',
      'jest/unbound-method': 'error',
      // Response bodies are `any` on purpose (test/support/http-request.ts: tests read whatever the
      // endpoint answers and expect() checks the shape); typing each would restate the zod contracts.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Fakes implement async interfaces with synchronous bodies; `async` keeps a throw a rejection,
      // as in the real implementation.
      '@typescript-eslint/require-await': 'off',
    },
  },

  // In-memory stores (dev/SQLite mode, tests) and the bench's servers and targets implement async
  // interfaces with synchronous bodies: `async` keeps a throw a rejection, as the real store's.
  {
    files: ['bff/src/**/memory-*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },

  // The mini-program: React components and hooks.
  {
    files: ['miniapp/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
]);
