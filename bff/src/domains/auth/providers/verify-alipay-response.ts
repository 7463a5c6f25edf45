import { createVerify, type KeyObject } from 'node:crypto';
import { AppError } from '../../../core/app-error';

export interface VerifiedAlipayResponse {
  /** Which member carried the answer: the method's `<method>_response` or `error_response`. */
  key: string;
  payload: Record<string, unknown>;
}

/**
 * Parses a gateway answer and checks Alipay's signature over it. The signed content is the raw
 * JSON text of the `<method>_response` (or `error_response`) member exactly as it appears in the
 * body, so it is cut out of the text rather than re-serialised; the payload is then parsed from
 * that same verified text.
 *
 * Unsigned answers are refused even for errors (Alipay's Java SDK lets unsigned error answers
 * through): error answers decide between 401, 429 and 503 here, so they must be authentic too.
 */
export function verifyAlipayResponse(text: string, responseKey: string, alipayPublicKey: KeyObject): VerifiedAlipayResponse {
  const members = topLevelMembers(text);
  if (!members) throw unusable('malformed_body');
  const key = members.has(responseKey) ? responseKey : members.has('error_response') ? 'error_response' : null;
  if (!key || (members.has(responseKey) && members.has('error_response'))) throw unusable('unexpected_body');
  const signedText = members.get(key) as string;
  const sign = parseJson(members.get('sign') ?? 'null');
  if (typeof sign !== 'string' || sign === '') throw unusable('signature_missing', unverifiedCodes(signedText));
  if (!signatureMatches(signedText, sign, alipayPublicKey)) throw unusable('signature_invalid');
  const payload = parseJson(signedText);
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw unusable('unexpected_body');
  return { key, payload: payload as Record<string, unknown> };
}

function signatureMatches(signedText: string, sign: string, publicKey: KeyObject): boolean {
  if (verify(signedText, sign, publicKey)) return true;
  // Alipay's own SDKs retry with "\/" unescaped: the gateway may sign "/" but send "\/".
  return signedText.includes('\\/') && verify(signedText.split('\\/').join('/'), sign, publicKey);
}

function verify(content: string, sign: string, publicKey: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKey, sign, 'base64');
  } catch {
    return false;
  }
}

/**
 * An unsigned answer is still worth one diagnostic hint: a gateway that cannot identify the app
 * (wrong app_id) cannot sign, and says so in an unsigned error_response. Codes only, never sub_msg,
 * which can echo the request's sign content (login code included).
 */
function unverifiedCodes(signedText: string): Record<string, unknown> {
  const payload = parseJson(signedText) as { code?: unknown; sub_code?: unknown } | null;
  if (typeof payload !== 'object' || payload === null) return {};
  return {
    ...(typeof payload.code === 'string' ? { unverifiedUpstreamCode: payload.code } : {}),
    ...(typeof payload.sub_code === 'string' ? { unverifiedUpstreamSubCode: payload.sub_code } : {}),
  };
}

function unusable(reason: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError(502, 'UPSTREAM_ERROR', 'Alipay returned an unusable or unauthenticated answer', {
    details: { upstream: 'alipay', reason, ...extra },
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The raw text of each member of a top-level JSON object, or null when the text is not a JSON
 * object or repeats a member name (a repeated name could show one value to the verifier and
 * another to JSON.parse).
 */
function topLevelMembers(text: string): Map<string, string> | null {
  if (parseJson(text) === undefined) return null;
  const members = new Map<string, string>();
  let i = skipWhitespace(text, 0);
  if (text[i] !== '{') return null;
  i = skipWhitespace(text, i + 1);
  while (text[i] !== '}') {
    const keyEnd = endOfString(text, i);
    const name = JSON.parse(text.slice(i, keyEnd)) as string;
    const valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
    const valueEnd = endOfValue(text, valueStart);
    if (members.has(name)) return null;
    members.set(name, text.slice(valueStart, valueEnd));
    i = skipWhitespace(text, valueEnd);
    if (text[i] === ',') i = skipWhitespace(text, i + 1);
  }
  return members;
}

// The scanners below only run on text JSON.parse has accepted, so they need no error paths.

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  return i;
}

/** Index just past the string literal starting at `from` (which is a quote). */
function endOfString(text: string, from: number): number {
  let i = from + 1;
  while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

function endOfValue(text: string, from: number): number {
  const first = text[from];
  if (first === '"') return endOfString(text, from);
  if (first === '{' || first === '[') return endOfContainer(text, from);
  let i = from;
  while (i < text.length && !',}] \t\n\r'.includes(text[i])) i++;
  return i;
}

function endOfContainer(text: string, from: number): number {
  let depth = 0;
  let i = from;
  do {
    const ch = text[i];
    if (ch === '"') {
      i = endOfString(text, i);
      continue;
    }
    if (ch === '{' || ch === '[') depth++;
    if (ch === '}' || ch === ']') depth--;
    i++;
  } while (depth > 0);
  return i;
}
