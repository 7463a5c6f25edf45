import type { MiniCodePlatform } from '@govpass/shared-types';

/** A PNG (or JPEG) image of a mini-program code and its media type. */
export interface MiniCodeImage {
  bytes: Buffer;
  contentType: string;
}

/**
 * One platform's mini-program code (小程序码) API. `scene` is the short form of an entry
 * (shared-types sceneOf, ≤ 32 characters); the code opens the configured page with it, and the
 * app's launch-entry capability routes from there. Failures are AppErrors with the login
 * providers' codes: 429 UPSTREAM_RATE_LIMITED (quota), 503 UPSTREAM_UNAVAILABLE (down, busy,
 * timeout), 502 UPSTREAM_ERROR (anything retrying will not fix).
 */
export interface MiniCodeProvider {
  readonly platform: MiniCodePlatform;
  create(scene: string): Promise<MiniCodeImage>;
}

/** A PNG or JPEG by its first bytes: what a platform sends when it does not send a JSON error. */
export function isImage(bytes: Buffer): boolean {
  const png = bytes.length > 8 && bytes.readUInt32BE(0) === 0x89504e47;
  const jpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8;
  return png || jpeg;
}
