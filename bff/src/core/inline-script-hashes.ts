import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CSP hashes of the inline scripts in the built H5 index.html (Taro's template sets the root font
 * size inline). Allowing exactly these keeps `script-src` free of 'unsafe-inline'.
 */
export function inlineScriptHashes(staticDir: string | null): string[] {
  const file = staticDir ? join(staticDir, 'index.html') : null;
  if (!file || !existsSync(file)) return [];
  const html = readFileSync(file, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
  );
}
