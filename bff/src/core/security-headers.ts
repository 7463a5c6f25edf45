import type { Middleware } from 'koa';

/**
 * Headers for both the API and the H5 page served beside it. The CSP allows only our own
 * scripts; inline styles stay allowed because Taro's H5 runtime sets style attributes.
 */
export function securityHeaders(opts: { hsts: boolean; scriptHashes?: string[] }): Middleware {
  const scriptSrc = ["'self'", ...(opts.scriptHashes ?? [])].join(' ');
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    ctx.set('Permissions-Policy', 'camera=(self), geolocation=(self), microphone=()');
    ctx.set(
      'Content-Security-Policy',
      `default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; script-src ${scriptSrc}; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'`,
    );
    if (opts.hsts) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    await next();
  };
}
