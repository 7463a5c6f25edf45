import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import type { PublicCodeKey } from '@govpass/shared-types';
import { assembleCode, base64UrlEncode, signedPart, type CodePayload } from '@govpass/shared-types/src/personal-code-format';

/*
 * Signs personal codes as the BFF does (node:crypto Ed25519 over `GPC1.<payload>`), from fixed
 * seeds, so tests verify real signatures without the BFF.
 */

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface TestSigner {
  jwk: PublicCodeKey;
  kid: Uint8Array;
  code(payload: Omit<CodePayload, 'kid'>): string;
}

export function testSigner(seedByte: number, validFrom = '2020-01-01T00:00:00.000Z', validUntil: string | null = null): TestSigner {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.alloc(32, seedByte)]), format: 'der', type: 'pkcs8' });
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' }) as { x: string };
  const raw = Buffer.from(x, 'base64url');
  const kid = Uint8Array.from(createHash('sha256').update(raw).digest().subarray(0, 3));
  const jwk: PublicCodeKey = { kty: 'OKP', crv: 'Ed25519', x, kid: base64UrlEncode(kid), validFrom, validUntil };
  return {
    jwk,
    kid,
    code(payload) {
      const signed = signedPart({ ...payload, kid });
      return assembleCode(signed, Uint8Array.from(sign(null, Buffer.from(signed, 'ascii'), privateKey)));
    },
  };
}

export const REF_A = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
export const REF_B = Uint8Array.from([9, 9, 9, 9, 9, 9, 9, 9]);
