import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { errorCodes } from '@govpass/shared-types';
import { errorMessages } from '../src/api/error-messages';

/*
 * Plain words: every error code the BFF can answer has a Chinese sentence that says what to do,
 * in words without jargon. The codes are collected three ways, so that a code added anywhere
 * (the shared list, an AppError thrown in the BFF, an error declared for the OpenAPI document)
 * without a sentence fails here.
 */

const ROOT = resolve(__dirname, '../..');

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : filesUnder(path, ext);
    return ext.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** `new AppError(409, 'SOLD_OUT', …)` and `{ code: 'X' }` error shapes anywhere in the BFF. */
function codesThrownByBff(): Set<string> {
  const found = new Set<string>();
  for (const file of filesUnder(join(ROOT, 'bff/src'), /\.ts$/)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/AppError\(\s*\d{3},\s*'([A-Z_]+)'/g)) found.add(m[1]);
  }
  return found;
}

/** Codes the route contracts declare (`errors: { 409: ['SOLD_OUT', …] }`): what the OpenAPI document lists. */
function codesDeclaredInContracts(): Set<string> {
  const found = new Set<string>();
  for (const file of filesUnder(join(ROOT, 'shared-types/src'), /\.ts$/)) {
    const text = readFileSync(file, 'utf8');
    for (const block of text.matchAll(/errors:\s*\{([^}]*)\}/g)) for (const m of block[1].matchAll(/'([A-Z][A-Z_]+)'/g)) found.add(m[1]);
  }
  return found;
}

/** Words a citizen does not know. */
const JARGON = [/校验位/, /校验码/, /token/i, /idempoten/i, /uuid/i, /INTERNAL/, /密钥/, /签发/, /json/i, /http/i, /接口/, /参数/, /服务端/, /后端/, /null|undefined/, /[A-Z]{3,}/, /请求头/, /游标/, /幂等/];

/**
 * The schemas' field messages also reach operators' forms (CSV import, dates a picker fills in
 * as YYYY-MM-DD), where those letters are the words on the screen; the rest of the list holds.
 */
const SCHEMA_JARGON = [/校验位/, /校验码/, /token/i, /idempoten/i, /uuid/i, /INTERNAL/, /密钥/, /签发/, /json/i, /http/i, /接口/, /参数/, /服务端/, /ISO-?8601/i, /请求头/, /游标/, /幂等/];

/** A sentence says what to do: one of these, or it is one of the few where nothing is left to do. */
const ACTION = /请|可以|可|再|先|不用|无需|直接|稍后|重新|重试|核对|换|联系|刷新|等待/;
const NOTHING_TO_DO = new Set<string>(['ALREADY_RATED']);

describe('plain words in error messages', () => {
  const thrown = codesThrownByBff();
  const declared = codesDeclaredInContracts();

  it('finds the codes where they are made (the collection itself works)', () => {
    expect(thrown.size).toBeGreaterThan(40);
    expect(thrown).toContain('SOLD_OUT');
    expect(declared).toContain('REPEAT_PERIOD');
  });

  it('has a sentence for every code the BFF throws, declares or lists', () => {
    const all = new Set<string>([...errorCodes, ...thrown, ...declared]);
    const missing = [...all].filter((code) => !(errorMessages as Record<string, string | undefined>)[code]);
    expect(missing).toEqual([]);
  });

  it('says what to do in every sentence', () => {
    const silent = Object.entries(errorMessages).filter(([code, message]) => !NOTHING_TO_DO.has(code) && !ACTION.test(message));
    expect(silent).toEqual([]);
  });

  it('uses no jargon in any sentence', () => {
    const jargon = Object.entries(errorMessages).filter(([, message]) => JARGON.some((word) => word.test(message)));
    expect(jargon).toEqual([]);
  });

  it('uses no jargon in the form-field messages of the shared schemas (shown beside the field)', () => {
    const offending: string[] = [];
    for (const file of filesUnder(join(ROOT, 'shared-types/src'), /\.ts$/)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:message:\s*|return\s+)'([^']*[\u4e00-\u9fa5][^']*)'/g)) {
        // Headers are set by the app itself, never typed by a person: their messages are for developers.
        if (/Idempotency-Key|X-Retry-Attempt/.test(m[1])) continue;
        if (SCHEMA_JARGON.some((word) => word.test(m[1]))) offending.push(`${file.slice(ROOT.length + 1)}: ${m[1]}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
