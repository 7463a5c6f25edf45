import { randomUUID } from 'node:crypto';
import type { Hall, HallInput, HallService, HallWindow, ImportHallsResponse, RoleGrant, ServiceInput, WindowInput, WindowStatus } from '@govpass/shared-types';
import { HallInput as HallInputSchema, ServiceInput as ServiceInputSchema, WindowInput as WindowInputSchema } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import type { AuditLog } from '../../audit/audit-log';
import { HALL_MANAGERS, HALL_STAFF } from '@govpass/shared-types';
import { assertHallScope, managedHalls } from '../hall-scope';
import type { HallDirectory, HallSnapshot } from './hall-directory';
import { parseHallCsv } from './hall-csv';
import type { HallRegistryStore } from './hall-registry-store';

export interface Operator {
  accountId: string;
  grants: readonly RoleGrant[];
  requestId: string | null;
}

const hallNotFound = () => new AppError(404, 'HALL_NOT_FOUND', 'No such hall');
const serviceNotFound = () => new AppError(404, 'SERVICE_NOT_FOUND', 'No such service');
const windowNotFound = () => new AppError(404, 'WINDOW_NOT_FOUND', 'No such window');

/** The registry's write side (admin; hall managers for their own hall), every change audited. */
export class HallAdminService {
  constructor(
    private readonly store: HallRegistryStore,
    private readonly directory: HallDirectory,
    private readonly audit: AuditLog,
  ) {}

  async listHalls(op: Operator): Promise<Hall[]> {
    const scope = managedHalls(op.grants);
    const all = await this.store.listHalls();
    return scope === null ? all : all.filter((h) => scope.includes(h.id));
  }

  async getHall(op: Operator, hallId: string): Promise<HallSnapshot> {
    const snap = await this.directory.snapshot(hallId);
    if (!snap) throw hallNotFound();
    assertHallScope(op.grants, hallId, HALL_MANAGERS);
    return snap;
  }

  async createHall(op: Operator, input: HallInput): Promise<Hall> {
    const hall: Hall = { id: `hall-${randomUUID().slice(0, 8)}`, ...HallInputSchema.parse(input) };
    await this.store.saveHall(hall);
    await this.record(op, 'hall.create', 'hall', hall.id, { name: hall.name });
    return hall;
  }

  async updateHall(op: Operator, hallId: string, input: HallInput): Promise<Hall> {
    await this.getHall(op, hallId);
    const hall: Hall = { id: hallId, ...HallInputSchema.parse(input) };
    await this.store.saveHall(hall);
    this.directory.changed(hallId);
    await this.record(op, 'hall.update', 'hall', hallId, { name: hall.name });
    return hall;
  }

  async createService(op: Operator, hallId: string, input: ServiceInput): Promise<HallService> {
    await this.getHall(op, hallId);
    const service: HallService = { id: `svc-${randomUUID().slice(0, 8)}`, hallId, ...ServiceInputSchema.parse(input) };
    await this.store.saveService(service);
    this.directory.changed(hallId);
    await this.record(op, 'hall.service.create', 'hall_service', service.id, { hallId, prefix: service.ticketPrefix });
    return service;
  }

  async updateService(op: Operator, serviceId: string, input: ServiceInput): Promise<HallService> {
    const prior = await this.store.getService(serviceId);
    if (!prior) throw serviceNotFound();
    await this.getHall(op, prior.hallId);
    const service: HallService = { id: serviceId, hallId: prior.hallId, ...ServiceInputSchema.parse(input) };
    await this.store.saveService(service);
    this.directory.changed(prior.hallId);
    await this.record(op, 'hall.service.update', 'hall_service', serviceId, { hallId: prior.hallId });
    return service;
  }

  async createWindow(op: Operator, hallId: string, input: WindowInput): Promise<HallWindow> {
    const snap = await this.getHall(op, hallId);
    const parsed = WindowInputSchema.parse(input);
    this.checkServices(snap, parsed.serviceIds);
    const window: HallWindow = { id: `win-${randomUUID().slice(0, 8)}`, hallId, ...parsed };
    await this.store.saveWindow(window);
    this.directory.changed(hallId);
    await this.record(op, 'hall.window.create', 'hall_window', window.id, { hallId, number: window.number });
    return window;
  }

  async updateWindow(op: Operator, windowId: string, input: WindowInput): Promise<HallWindow> {
    const prior = await this.store.getWindow(windowId);
    if (!prior) throw windowNotFound();
    const snap = await this.getHall(op, prior.hallId);
    const parsed = WindowInputSchema.parse(input);
    this.checkServices(snap, parsed.serviceIds);
    const window: HallWindow = { id: windowId, hallId: prior.hallId, ...parsed };
    await this.store.saveWindow(window);
    this.directory.changed(prior.hallId);
    await this.record(op, 'hall.window.update', 'hall_window', windowId, { hallId: prior.hallId });
    return window;
  }

  /** Window staff open, pause or close their window (managers any of the hall's). */
  async setWindowStatus(op: Operator, windowId: string, status: WindowStatus): Promise<HallWindow> {
    const window = await this.directory.getWindow(windowId);
    if (!window) throw windowNotFound();
    assertHallScope(op.grants, window.hallId, HALL_STAFF);
    await this.store.setWindowStatus(windowId, status);
    this.directory.changed(window.hallId);
    await this.record(op, `hall.window.${status}`, 'hall_window', windowId, { hallId: window.hallId });
    return { ...window, status };
  }

  /** All rows or none: parse errors answer 422 with every bad line; a prefix/number clash rolls back. */
  async importCsv(actor: string, csv: string): Promise<ImportHallsResponse> {
    const rows = parseHallCsv(csv);
    await this.checkReferences(rows);
    await this.store.saveAll(rows);
    for (const id of new Set([...rows.halls.map((h) => h.id), ...rows.services.map((s) => s.hallId), ...rows.windows.map((w) => w.hallId)])) this.directory.changed(id);
    const counts = { halls: rows.halls.length, services: rows.services.length, windows: rows.windows.length };
    await this.audit.record({ actor, action: 'hall.import', targetType: 'hall', targetId: '*', details: counts });
    return counts;
  }

  private async checkReferences(rows: { halls: Hall[]; services: HallService[]; windows: HallWindow[] }): Promise<void> {
    const halls = new Set([...rows.halls.map((h) => h.id), ...(await this.store.listHalls()).map((h) => h.id)]);
    const serviceHall = new Map(rows.services.map((s) => [s.id, s.hallId]));
    for (const hallId of halls) for (const s of await this.store.listServices(hallId)) if (!serviceHall.has(s.id)) serviceHall.set(s.id, s.hallId);
    const problems: { line: number; message: string }[] = [];
    for (const s of rows.services) if (!halls.has(s.hallId)) problems.push({ line: 0, message: `service ${s.id}: unknown hall ${s.hallId}` });
    for (const w of rows.windows) {
      if (!halls.has(w.hallId)) problems.push({ line: 0, message: `window ${w.id}: unknown hall ${w.hallId}` });
      for (const sid of w.serviceIds) if (serviceHall.get(sid) !== w.hallId) problems.push({ line: 0, message: `window ${w.id}: service ${sid} is not a service of hall ${w.hallId}` });
    }
    if (problems.length > 0) throw new AppError(422, 'IMPORT_INVALID', `${problems.length} bad reference(s); nothing imported`, { details: problems });
  }

  private checkServices(snap: HallSnapshot, serviceIds: string[]): void {
    const known = new Set(snap.services.map((s) => s.id));
    const unknown = serviceIds.find((id) => !known.has(id));
    if (unknown) throw new AppError(404, 'SERVICE_NOT_FOUND', `Service ${unknown} is not a service of this hall`);
  }

  private record(op: Operator, action: string, targetType: string, targetId: string, details: Record<string, unknown>): Promise<void> {
    return this.audit.record({ actor: op.accountId, action, targetType, targetId, requestId: op.requestId, details });
  }
}
