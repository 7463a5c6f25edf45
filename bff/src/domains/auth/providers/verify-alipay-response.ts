import { createVerify, type KeyObject } from 'node:crypto';
import { parseTree } from 'jsonc-parser';
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
 * another to JSON.parse). The offsets come from jsonc-parser's syntax tree; it also accepts
 * comments and trailing commas, so the text must first pass JSON.parse. (Alipay's own SDKs cut the
 * signed text with indexOf/lastIndexOf('"sign"'), which a "sign" inside a value or a repeated
 * member can mislead; hence a parser.)
 */
function topLevelMembers(text: string): Map<string, string> | null {
  if (parseJson(text) === undefined) return null;
  const root = parseTree(text);
  if (root?.type !== 'object') return null;
  const members = new Map<string, string>();
  for (const property of root.children ?? []) {
    const [name, value] = property.children ?? [];
    if (name === undefined || value === undefined || typeof name.value !== 'string' || members.has(name.value)) return null;
    members.set(name.value, text.slice(value.offset, value.offset + value.length));
  }
  return members;
}
