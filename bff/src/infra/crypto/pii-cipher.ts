import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal data at rest: AES-256-GCM with a fresh 96-bit IV per value (`v1.<iv>.<tag>.<ct>`,
 * base64url), and an HMAC-SHA256 look-up hash under a separate key, so that the table can be
 * searched by ID number without holding one in clear. The version prefix leaves room for key rotation.
 */
export class PiiCipher {
  private readonly encKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(encryptionKeyHex: string, hashKeyHex: string) {
    this.encKey = Buffer.from(encryptionKeyHex, 'hex');
    this.hashKey = Buffer.from(hashKeyHex, 'hex');
    if (this.encKey.length !== 32 || this.hashKey.length !== 32) throw new Error('PII keys must be 32 bytes');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(token: string): string {
    const [version, iv, tag, ct] = token.split('.');
    if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('Unknown PII ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for look-ups; `purpose` separates the hash spaces (an ID number vs a name). */
  hash(purpose: 'id' | 'name', value: string): string {
    return createHmac('sha256', this.hashKey).update(`${purpose}:${value}`).digest('hex');
  }
}
