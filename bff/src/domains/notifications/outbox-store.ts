import type { LoginChannel } from '@govpass/shared-types';

/** A row a dispatcher holds the claim on, with its recipient account (if it still exists). */
export interface ClaimedNotification {
  id: string;
  template: string;
  data: unknown;
  /** Attempts including the one under way. */
  attempts: number;
  channel: LoginChannel | null;
  channelUserId: string | null;
}

export type FinalStatus = 'sent' | 'skipped' | 'failed';

/** The dispatcher's view of notification_outbox. Every write after the claim checks the claim token. */
export interface OutboxStore {
  /** Ids of pending rows whose time has come, oldest first. */
  dueIds(now: number, limit: number): Promise<string[]>;
  /**
   * Takes a row for one attempt: only if it is still pending and due. Moving next_attempt_at to
   * `leaseUntil` hides it from every other dispatcher; true when this caller won.
   */
  claim(id: string, token: string, now: number, leaseUntil: number): Promise<boolean>;
  loadClaimed(id: string, token: string): Promise<ClaimedNotification | null>;
  finish(id: string, token: string, status: FinalStatus, reason: string | null, now: number): Promise<void>;
  /** Back to pending, due at `at`. */
  reschedule(id: string, token: string, at: number, reason: string): Promise<void>;
}
