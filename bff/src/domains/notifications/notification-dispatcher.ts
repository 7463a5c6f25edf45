import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@govpass/config';
import type { Logger } from '../../core/create-logger';
import { isTemplateName, renderTemplate, type MessagingChannel, type RenderedMessage } from './notification-templates';
import type { ClaimedNotification, OutboxStore } from './outbox-store';
import type { SendOutcome, SubscribeSender } from './subscribe-sender';

type NotificationsConfig = AppConfig['notifications'];
export type DispatcherOptions = Pick<NotificationsConfig, 'pollMs' | 'batchSize' | 'maxAttempts' | 'backoffBaseMs' | 'backoffMaxMs' | 'leaseMs'>;
export type TemplateIds = NotificationsConfig['templates'];
export type SubscribeSenders = Partial<Record<MessagingChannel, SubscribeSender>>;

export interface DispatchSummary {
  claimed: number;
  sent: number;
  skipped: number;
  failed: number;
  retrying: number;
}

/** The wait before attempt n+1 after n failed attempts: base, 2×base, 4×base … up to max. */
export function backoffMs(attempts: number, opts: Pick<DispatcherOptions, 'backoffBaseMs' | 'backoffMaxMs'>): number {
  return Math.min(opts.backoffMaxMs, opts.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
}

type Decision = { kind: 'send'; channel: MessagingChannel; sender: SubscribeSender; templateId: string; toUser: string; message: RenderedMessage } | Exclude<SendOutcome, { kind: 'sent' }>;

/**
 * Delivers the outbox. Any number of processes may run one: each row is claimed with a conditional
 * UPDATE before it is sent, so no two dispatchers send the same row (a process killed mid-send
 * leaves its row to be retried after the lease: at least once, never twice at the same time).
 */
export class NotificationDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly store: OutboxStore,
    private readonly senders: SubscribeSenders,
    private readonly templateIds: TemplateIds,
    private readonly opts: DispatcherOptions,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the batch under way, so close() never cuts a send in half. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  /** One poll: claims up to batchSize due rows and settles each. Tests drive it directly. */
  async runOnce(): Promise<DispatchSummary> {
    const summary: DispatchSummary = { claimed: 0, sent: 0, skipped: 0, failed: 0, retrying: 0 };
    const ids = await this.store.dueIds(this.now(), this.opts.batchSize);
    for (const id of ids) {
      const token = randomUUID();
      const at = this.now();
      if (!(await this.store.claim(id, token, at, at + this.opts.leaseMs))) continue;
      summary.claimed += 1;
      const row = await this.store.loadClaimed(id, token);
      if (row) summary[await this.settle(row, token)] += 1;
    }
    return summary;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const run = this.runOnce().then(
        (s) => (s.claimed >= this.opts.batchSize ? 0 : this.opts.pollMs),
        (err: unknown) => {
          this.logger.error({ err: String(err) }, 'notification dispatch failed; trying again at the next poll');
          return this.opts.pollMs;
        },
      );
      this.current = run;
      void run.then((next) => {
        this.current = null;
        this.schedule(next);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async settle(row: ClaimedNotification, token: string): Promise<'sent' | 'skipped' | 'failed' | 'retrying'> {
    const decision = this.decide(row);
    const outcome = decision.kind === 'send' ? await this.send(decision) : decision;
    const at = this.now();
    if (outcome.kind === 'sent') {
      await this.store.finish(row.id, token, 'sent', null, at);
      return 'sent';
    }
    if (outcome.kind === 'skip') {
      await this.store.finish(row.id, token, 'skipped', outcome.reason, at);
      return 'skipped';
    }
    if (outcome.kind === 'fail' || row.attempts >= this.opts.maxAttempts) {
      await this.store.finish(row.id, token, 'failed', outcome.reason, at);
      this.logger.warn({ notificationId: row.id, template: row.template, attempts: row.attempts, reason: outcome.reason }, 'notification given up');
      return 'failed';
    }
    await this.store.reschedule(row.id, token, at + backoffMs(row.attempts, this.opts), outcome.reason);
    return 'retrying';
  }

  private decide(row: ClaimedNotification): Decision {
    if (!row.channel || !row.channelUserId) return { kind: 'skip', reason: 'no_account' };
    if (row.channel === 'h5') return { kind: 'skip', reason: 'channel_unsupported' };
    const sender = this.senders[row.channel];
    if (!sender) return { kind: 'skip', reason: 'channel_not_configured' };
    if (!isTemplateName(row.template)) return { kind: 'fail', reason: 'unknown_template' };
    const templateId = this.templateIds[row.template][row.channel];
    if (!templateId) return { kind: 'skip', reason: 'template_not_configured' };
    try {
      const message = renderTemplate(row.template, row.data, row.channel);
      return { kind: 'send', channel: row.channel, sender, templateId, toUser: row.channelUserId, message };
    } catch {
      return { kind: 'fail', reason: 'bad_data' };
    }
  }

  private async send(d: Extract<Decision, { kind: 'send' }>): Promise<SendOutcome> {
    try {
      return await d.sender.send({ toUser: d.toUser, templateId: d.templateId, page: d.message.page, values: d.message.values });
    } catch (err) {
      // Senders answer with outcomes; anything thrown is a bug, retried like a transient fault.
      this.logger.error({ err: String(err), channel: d.channel }, 'subscribe sender threw');
      return { kind: 'retry', reason: 'sender_exception' };
    }
  }
}
