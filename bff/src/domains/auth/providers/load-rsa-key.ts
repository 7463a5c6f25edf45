import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Alipay's console and key tool hand out keys in several shapes: PKCS#8 PEM ("PRIVATE KEY"),
 * PKCS#1 PEM ("RSA PRIVATE KEY", the "non-Java" format), or just the base64 body with no
 * armour at all. Each is accepted; the error names the problem, never the key.
 */
export function loadRsaPrivateKey(text: string, label: string): KeyObject {
  return firstRsaKey(candidatePems(text, ['PRIVATE KEY', 'RSA PRIVATE KEY']), (pem) => createPrivateKey(pem), label);
}

/** Public keys come as SPKI ("PUBLIC KEY"), PKCS#1 ("RSA PUBLIC KEY") or a bare base64 SPKI body. */
export function loadRsaPublicKey(text: string, label: string): KeyObject {
  return firstRsaKey(candidatePems(text, ['PUBLIC KEY', 'RSA PUBLIC KEY']), (pem) => createPublicKey(pem), label);
}

/**
 * The text as given first, then its base64 body under each armour: a body pasted under the wrong
 * header (PKCS#1 labelled "PRIVATE KEY", as some SDK samples do) still loads.
 */
function candidatePems(text: string, types: string[]): string[] {
  const normalized = unescapeNewlines(text);
  const body = normalized.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  const rewrapped = types.map((type) => armour(body, type));
  return /-----BEGIN [A-Z ]+-----/.test(normalized) ? [normalized, ...rewrapped] : rewrapped;
}

function firstRsaKey(candidates: string[], load: (pem: string) => KeyObject, label: string): KeyObject {
  for (const pem of candidates) {
    try {
      const key = load(pem);
      if (key.asymmetricKeyType === 'rsa') return key;
    } catch {
      // try the next shape
    }
  }
  throw new Error(`${label} is not a usable RSA key (expected PKCS#8 or PKCS#1 PEM, or a bare base64 key body)`);
}

/** Env vars and JSON config often carry a PEM with literal "\n" sequences instead of line breaks. */
function unescapeNewlines(text: string): string {
  return text.replace(/\\n/g, '\n').trim();
}

function armour(body: string, type: string): string {
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}
