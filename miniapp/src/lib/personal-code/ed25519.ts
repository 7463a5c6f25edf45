import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';

/*
 * Pure-JS Ed25519 (RFC 8032) for the offline verifier: mini-program runtimes have no WebCrypto
 * Ed25519, so noble's synchronous verify runs on noble's own SHA-512. Set once, here, before any
 * verify: noble throws "hashes.sha512 not set" otherwise.
 */
ed.hashes.sha512 = sha512;

/** True only for a well-formed signature by `publicKey` over `message`; never throws. */
export function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed.verify(signature, message, publicKey);
  } catch {
    // A public key that is not a curve point, or a signature of the wrong shape: not valid.
    return false;
  }
}

export { sha256 };
