import { createSign, type KeyObject } from 'node:crypto';

/**
 * The string Alipay's gateway rebuilds to check an RSA2 request signature: every parameter
 * except `sign` and those with empty values, sorted by name, as raw (not URL-encoded)
 * `name=value` pairs joined with `&`. `sign_type` is part of it.
 */
export function alipaySignContent(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

/** RSA2 = SHA256withRSA (PKCS#1 v1.5) over the UTF-8 sign content, base64. */
export function signAlipayRequest(params: Record<string, string>, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(alipaySignContent(params), 'utf8').sign(privateKey, 'base64');
}
