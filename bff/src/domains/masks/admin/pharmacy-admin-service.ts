import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/app-error';
import type { AuditLog } from '../../audit/audit-log';
import type { PharmacyService } from '../pharmacies/pharmacy-service';
import type { PharmacyRecord, PharmacyStore } from '../pharmacies/pharmacy-store';
import type { AdminPharmacyListQuery, AdminPharmacyListResponse, CreatePharmacyRequest, Pharmacy, PharmacyInput } from '../shared/mask-contract';
import { pageInfoOf, pageWindowOf } from './admin-page';

/** A search without paging answers at most this many (a province's pharmacies). */
const MAX_UNPAGED = 10_000;

export interface Operator {
  accountId: string;
  requestId: string | null;
}

/** Pharmacy master data; every write leaves an audit row. */
export class PharmacyAdminService {
  constructor(
    private readonly store: PharmacyStore,
    private readonly pharmacies: PharmacyService,
    private readonly audit: AuditLog,
  ) {}

  /** Matching `q` (every word), one page of them or all; the search runs in the database. */
  async list(q: AdminPharmacyListQuery): Promise<AdminPharmacyListResponse> {
    const window = pageWindowOf(q);
    const words = (q.q ?? '').split(/\s+/).filter(Boolean);
    if (!window && words.length === 0) {
      const all = await this.store.listAll();
      return { items: all, ...pageInfoOf(null, all.length) };
    }
    const { items, total } = await this.store.page(words, window?.offset ?? 0, window?.pageSize ?? MAX_UNPAGED);
    return { items, ...pageInfoOf(window, total) };
  }

  async create(op: Operator, req: CreatePharmacyRequest): Promise<Pharmacy> {
    const { id, ...fields } = req;
    const pharmacy: PharmacyRecord = { id: id ?? randomUUID(), ...fields };
    if (!(await this.store.insert(pharmacy))) throw new AppError(409, 'CONFLICT', 'A pharmacy with this id exists');
    await this.record(op, 'pharmacy.create', pharmacy.id, { name: pharmacy.name, district: pharmacy.district });
    return pharmacy;
  }

  async update(op: Operator, id: string, input: PharmacyInput): Promise<Pharmacy> {
    const pharmacy: PharmacyRecord = { id, ...input };
    if (!(await this.store.update(pharmacy))) throw notFound();
    await this.record(op, 'pharmacy.update', id, { name: pharmacy.name, district: pharmacy.district });
    return pharmacy;
  }

  /** Only a pharmacy that never took part in a round: reservations and codes name it. */
  async remove(op: Operator, id: string): Promise<void> {
    if (!(await this.store.findById(id))) throw notFound();
    if (await this.store.isReferenced(id)) throw new AppError(409, 'CONFLICT', 'The pharmacy has quotas or reservations and cannot be deleted');
    if (!(await this.store.delete(id))) throw notFound();
    await this.record(op, 'pharmacy.delete', id);
  }

  private async record(op: Operator, action: string, id: string, details?: Record<string, unknown>): Promise<void> {
    await this.audit.record({ actor: op.accountId, action, targetType: 'pharmacy', targetId: id, requestId: op.requestId, details });
    this.pharmacies.invalidate();
  }
}

function notFound(): AppError {
  return new AppError(404, 'PHARMACY_NOT_FOUND', 'No such pharmacy');
}
