import type { Middleware } from 'koa';

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
 * Computed once: the middleware sets them on every response, and answers given before the
 * middleware (early refusals) carry the same API set. Inline styles stay allowed for documents
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

export function securityHeaders(opts: SecurityHeaderOptions): Middleware {
  const lists = securityHeaderLists(opts);
  return (ctx, next) => {
    for (const [name, value] of ctx.path.startsWith('/api/') ? lists.api : lists.document) ctx.set(name, value);
    return next();
  };
}
