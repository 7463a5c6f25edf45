import { AppError } from './app-error';

/**
 * The errors more than one layer raises (a middleware and a Lua script's code, say), built in one
 * place so that every path answers them with the same status, headers and details.
 */
export function unauthenticated(): AppError {
  return new AppError(401, 'UNAUTHENTICATED', 'Missing or expired session', { headers: { 'WWW-Authenticate': 'Bearer' } });
}

/** 429 with `Retry-After` (whole seconds, at least 1) and the same number in details. */
export function rateLimited(resetMs: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(resetMs / 1000));
  return new AppError(429, 'RATE_LIMITED', 'Too many requests, please retry later', {
    headers: { 'Retry-After': String(retryAfterSeconds) },
    details: { retryAfterSeconds },
  });
}
