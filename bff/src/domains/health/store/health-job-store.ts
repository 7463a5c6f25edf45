import type { Kysely } from 'kysely';
import { JobStatus, type HealthJob } from '@govpass/shared-types';
import type { Database, HealthJobsTable } from '../../../infra/db/database';

function fromRow(r: HealthJobsTable): HealthJob {
  return {
    id: r.id,
    kind: r.kind,
    status: JobStatus.parse(r.status),
    total: Number(r.total),
    done: Number(r.done),
    changed: Number(r.changed),
    startedAt: new Date(Number(r.started_at)).toISOString(),
    finishedAt: r.finished_at === null ? null : new Date(Number(r.finished_at)).toISOString(),
  };
}

/** Progress of background re-evaluations, durable so any process can answer GET /jobs/:id. */
export type HealthJobStore = SqlHealthJobStore;

export class SqlHealthJobStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(id: string, kind: string, actor: string, at: number): Promise<HealthJob> {
    await this.db.insertInto('health_jobs').values({ id, kind, status: 'queued', total: 0, done: 0, changed: 0, actor, started_at: at, finished_at: null }).execute();
    return (await this.find(id)) as HealthJob;
  }

  async find(id: string): Promise<HealthJob | null> {
    const row = await this.db.selectFrom('health_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async update(id: string, set: Partial<Pick<HealthJobsTable, 'status' | 'total' | 'done' | 'changed' | 'finished_at'>>): Promise<void> {
    await this.db.updateTable('health_jobs').set(set).where('id', '=', id).execute();
  }
}
