export interface SecurityHeaderOptions {
  hsts: boolean;
  scriptHashes?: string[];
}

export interface SecurityHeaderLists {
  /** For the H5 page and everything served beside it: a CSP allowing only our own scripts. */
  document: [string, string][];
  /** For JSON under /api/: nothing may load or frame it (OWASP's REST set), no document-only headers. */
  api: [string, string][];
}

/**
 * Computed once: the pipeline's securityHeaders step (core/request-pipeline) sets them on every
 * response, whichever runner (Koa, the fast lane) answers. Inline styles stay allowed for documents
 * because Taro's H5 runtime sets style attributes.
 */
export function securityHeaderLists(opts: SecurityHeaderOptions): SecurityHeaderLists {
  const scriptSrc = ["'self'", ...(opts.scriptHashes ?? [])].join(' ');
  const hsts: [string, string][] = opts.hsts ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']] : [];
  const common: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'no-referrer'],
  ];
  return {
    document: [
      ...common,
      ['Cross-Origin-Opener-Policy', 'same-origin'],
      ['Permissions-Policy', 'camera=(self), geolocation=(self), microphone=()'],
      [
        'Content-Security-Policy',
        `default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; script-src ${scriptSrc}; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'`,
      ],
      ...hsts,
    ],
    api: [...common, ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"], ...hsts],
  };
}
