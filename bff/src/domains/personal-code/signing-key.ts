import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { base64UrlEncode, KID_LENGTH } from '@govpass/shared-types';

/** PKCS#8 DER header of an Ed25519 private key (RFC 8410): what precedes the 32-byte seed. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** One Ed25519 key of the ring, its KeyObjects made once (making them per signature costs more than signing). */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Raw 32-byte public key (the JWK `x`). */
  rawPublicKey: Uint8Array;
  /** First 3 bytes of SHA-256(raw public key): the payload's key id. */
  kid: Uint8Array;
  /** base64url of kid: the JWK `kid`. */
  kidText: string;
  /** The three kid bytes as one number, for a Map look-up without building a string. */
  kidNumber: number;
}

export function kidNumberOf(kid: Uint8Array): number {
  return (kid[0] << 16) | (kid[1] << 8) | kid[2];
}

/** The key of a 32-byte seed given as 64 hex characters. */
export function signingKeyFromSeed(seedHex: string): SigningKey {
  if (!/^[0-9a-f]{64}$/i.test(seedHex)) throw new TypeError('an Ed25519 seed is 64 hex characters');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seedHex, 'hex')]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const rawPublicKey = new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url'));
  const kid = new Uint8Array(createHash('sha256').update(rawPublicKey).digest().subarray(0, KID_LENGTH));
  return { privateKey, publicKey, rawPublicKey, kid, kidText: base64UrlEncode(kid), kidNumber: kidNumberOf(kid) };
}
