import type { AppConfig } from '@govpass/config';
import type { RateRule } from '../../infra/hot-store/rate-limiter';

/** What the masks domain reads from the config's `masks` section. */
export type MasksConfig = Pick<AppConfig['masks'], 'pickupCodeKey' | 'defaultQuantityPerPerson' | 'defaultRepeatDays' | 'pickupCodeTtlDays'>;

/** The booking limits, in the config's `rateLimit` section beside the other limits. */
export type MaskRateLimitConfig = Pick<AppConfig['rateLimit'], 'maskBookingPerAccountPerMinute' | 'maskBookingPerIpPerMinute'>;

/** Rate rules `maskBooking` (per account) and `maskBookingIp` (per IP) for the app's RateLimiter. */
export function maskRateRules(limits: MaskRateLimitConfig): Record<'maskBooking' | 'maskBookingIp', RateRule> {
  return {
    maskBooking: { limit: limits.maskBookingPerAccountPerMinute, windowMs: 60_000 },
    maskBookingIp: { limit: limits.maskBookingPerIpPerMinute, windowMs: 60_000 },
  };
}
