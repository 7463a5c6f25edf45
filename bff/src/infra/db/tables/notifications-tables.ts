import type { Generated } from 'kysely';

/* The notification outbox (subscribe messages to WeChat and Alipay). Conventions in ../database.ts. */

export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface NotificationOutboxTable {
  id: string;
  dedupe_key: string;
  template: string;
  person_id: string | null;
  account_id: string | null;
  /** JSON of the template's data. */
  data: string;
  status: NotificationStatus;
  attempts: Generated<number>;
  next_attempt_at: number;
  claim_token: string | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  finished_at: number | null;
}
