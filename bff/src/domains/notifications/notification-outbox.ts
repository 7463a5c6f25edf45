import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { AppError } from '../../core/app-error';
import type { Database, NotificationOutboxTable } from '../../infra/db/database';
import { isUniqueViolation } from '../../infra/db/is-unique-violation';
import { parseTemplateData, type NotificationTemplate, type TemplateData } from './notification-templates';

/** Who to tell: a person (every account bound to them) or one account. */
export type NotificationTarget = { personId: string; accountId?: undefined } | { accountId: string; personId?: undefined };

export type EnqueueInput<T extends NotificationTemplate> = NotificationTarget & {
  template: T;
  data: TemplateData<T>;
  /**
   * Names the event, e.g. the health record's change id: enqueueing the same event again (a retried
   * request, a replayed job) adds nothing. Scoped by template, so domains need not coordinate.
   */
  dedupeKey: string;
};

export interface EnqueueOutcome {
  /** Rows added now (one per recipient account; one account-less row when the person has none). */
  enqueued: number;
  /** Recipients this event had already been enqueued for. */
  duplicates: number;
}

const MAX_DEDUPE_KEY = 100;

/**
 * The one way any domain asks for a subscribe message. Writing is all it does: the dispatcher sends.
 * Pass the caller's transaction to make "the colour changed" and "tell them" commit or roll back together.
 */
export class NotificationOutbox {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  async enqueue<T extends NotificationTemplate>(input: EnqueueInput<T>, trx?: Kysely<Database>): Promise<EnqueueOutcome> {
    const db = trx ?? this.db;
    const data = validData(input);
    checkDedupeKey(input);
    const personId = input.personId ?? (await this.personOf(db, input.accountId));
    const accountIds = input.accountId ? [input.accountId] : ((await this.accountsOfMany(db, [input.personId as string])).get(input.personId as string) ?? []);
    const outcome: EnqueueOutcome = { enqueued: 0, duplicates: 0 };
    for (const row of this.rowsOf(input, data, personId, accountIds, this.now())) {
      outcome[(await this.insertOnce(db, row)) ? 'enqueued' : 'duplicates'] += 1;
    }
    return outcome;
  }

  /**
   * Several person-addressed events at once (a batch of hall calls): the same rows as `enqueue`
   * one by one, in two statements (the recipients' accounts, one multi-row insert); when some were
   * enqueued before, two more (which exist, the others); row by row only when a writer races it.
   */
  async enqueueMany(inputs: readonly EnqueueInput<NotificationTemplate>[], trx?: Kysely<Database>): Promise<EnqueueOutcome> {
    const db = trx ?? this.db;
    const checked = inputs.map((input) => {
      if (input.personId === undefined) throw new AppError(500, 'INTERNAL', 'enqueueMany takes person-addressed notifications', { details: { template: input.template } });
      checkDedupeKey(input);
      return { input, personId: input.personId, data: validData(input) };
    });
    if (checked.length === 0) return { enqueued: 0, duplicates: 0 };
    const accounts = await this.accountsOfMany(db, [...new Set(checked.map((c) => c.personId))]);
    const at = this.now();
    const rows = checked.flatMap((c) => this.rowsOf(c.input, c.data, c.personId, accounts.get(c.personId) ?? [], at));
    // An event named twice in the batch: its row once.
    const unique = [...new Map(rows.map((r) => [r.dedupe_key, r])).values()];
    if (await this.insertAll(db, unique)) return { enqueued: unique.length, duplicates: rows.length - unique.length };
    // Some were enqueued before (a redelivered batch; "your turn is near" named again by a later
    // call): the others in one insert, row by row only when another writer wins a race meanwhile.
    const known = new Set((await db.selectFrom('notification_outbox').select('dedupe_key').where('dedupe_key', 'in', unique.map((r) => r.dedupe_key)).execute()).map((r) => r.dedupe_key));
    const fresh = unique.filter((r) => !known.has(r.dedupe_key));
    if (fresh.length === 0 || (await this.insertAll(db, fresh))) return { enqueued: fresh.length, duplicates: rows.length - fresh.length };
    const outcome: EnqueueOutcome = { enqueued: 0, duplicates: rows.length - fresh.length };
    for (const row of fresh) outcome[(await this.insertOnce(db, row)) ? 'enqueued' : 'duplicates'] += 1;
    return outcome;
  }

  /** One multi-row insert; false when a row was there already (the statement then wrote nothing). */
  private async insertAll(db: Kysely<Database>, rows: Insertable<NotificationOutboxTable>[]): Promise<boolean> {
    try {
      await db.insertInto('notification_outbox').values(rows).execute();
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** One row per recipient account; one account-less row when the person has none. */
  private rowsOf(input: EnqueueInput<NotificationTemplate>, data: unknown, personId: string | null, accountIds: readonly string[], at: number): Insertable<NotificationOutboxTable>[] {
    return (accountIds.length > 0 ? accountIds : [null]).map((accountId) => ({
      id: randomUUID(),
      dedupe_key: `${input.template}|${input.dedupeKey}|${accountId ?? '-'}`,
      template: input.template,
      person_id: personId,
      account_id: accountId,
      data: JSON.stringify(data),
      status: 'pending',
      next_attempt_at: at,
      claim_token: null,
      last_error: null,
      created_at: at,
      sent_at: null,
      finished_at: null,
    }));
  }

  private async accountsOfMany(db: Kysely<Database>, personIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await db.selectFrom('accounts').select(['id', 'person_id']).where('person_id', 'in', personIds).orderBy('created_at').orderBy('id').execute();
    const out = new Map<string, string[]>();
    for (const r of rows) {
      if (r.person_id === null) continue;
      const ids = out.get(r.person_id);
      if (ids) ids.push(r.id);
      else out.set(r.person_id, [r.id]);
    }
    return out;
  }

  private async personOf(db: Kysely<Database>, accountId: string): Promise<string | null> {
    const row = await db.selectFrom('accounts').select('person_id').where('id', '=', accountId).executeTakeFirst();
    return row?.person_id ?? null;
  }

  /**
   * A plain insert whose duplicate-key error means "already enqueued". On MySQL and SQLite that error
   * undoes only the statement, so a caller's transaction goes on; INSERT IGNORE would also swallow
   * truncation and other errors as warnings.
   */
  private insertOnce(db: Kysely<Database>, row: Insertable<NotificationOutboxTable>): Promise<boolean> {
    return this.insertAll(db, [row]);
  }
}

function checkDedupeKey(input: EnqueueInput<NotificationTemplate>): void {
  if (input.dedupeKey.length === 0 || input.dedupeKey.length > MAX_DEDUPE_KEY) {
    throw new AppError(500, 'INTERNAL', `notification dedupeKey must be 1..${MAX_DEDUPE_KEY} characters`, { details: { template: input.template } });
  }
}

function validData<T extends NotificationTemplate>(input: EnqueueInput<T>): TemplateData<T> {
  try {
    return parseTemplateData(input.template, input.data);
  } catch (err) {
    throw invalidData(input.template, err);
  }
}

/** A caller's bug, not the user's: a 500 that names the template and the fields, never their values. */
function invalidData(template: string, err: unknown): AppError {
  const issues = (err as { issues?: Array<{ path: PropertyKey[] }> }).issues ?? [];
  return new AppError(500, 'INTERNAL', `notification data does not fit template ${template}`, {
    details: { template, fields: issues.map((i) => i.path.map(String).join('.')) },
  });
}
