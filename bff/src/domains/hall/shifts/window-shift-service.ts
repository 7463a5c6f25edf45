import { HALL_STAFF, type HallWindow, type RoleGrant, type WindowShift } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { chinaDateOf } from '../../../core/china-date';
import { isUniqueViolation } from '../../../infra/db/is-unique-violation';
import type { AuditLog } from '../../audit/audit-log';
import { assertHallScope } from '../hall-scope';
import type { HallDirectory } from '../registry/hall-directory';
import type { ShiftRow, SqlWindowShiftStore } from './sql-window-shift-store';

export interface ShiftStaff {
  accountId: string;
  grants: readonly RoleGrant[];
  requestId: string | null;
}

/** How long a process trusts a confirmed sign-in before reading it again (a take-over elsewhere shows within this). */
const CONFIRMED_MS = 5_000;
const RACE_RETRIES = 6;

/** Only window staff are held to one window; managers and admins supervise any window of their hall. */
export function heldToOneWindow(grants: readonly RoleGrant[]): boolean {
  return grants.some((g) => g.role === 'window_staff') && !grants.some((g) => g.role === 'hall_manager' || g.role === 'admin');
}

function isRace(err: unknown): boolean {
  const e = err as { errno?: number; code?: string };
  return isUniqueViolation(err) || e?.errno === 1213 || e?.code === 'ER_LOCK_DEADLOCK' || e?.code === 'SQLITE_BUSY';
}

/**
 * 上岗: one window per window staff member per day (docs/hall.md "Window shifts"). Console steps
 * call `enter` first: a member signed in elsewhere is refused, one not signed in is signed in at
 * the window they act at (so a console that never asked still gets the rule).
 */
export class WindowShiftService {
  private readonly confirmed = new Map<string, number>();

  constructor(
    private readonly store: SqlWindowShiftStore,
    private readonly directory: HallDirectory,
    private readonly audit: AuditLog,
    private readonly now: () => number,
  ) {}

  async mine(staff: ShiftStaff): Promise<WindowShift | null> {
    const row = await this.store.ofAccount(staff.accountId, chinaDateOf(this.now()));
    return row ? this.view(row) : null;
  }

  async ofHall(staff: ShiftStaff, hallId: string): Promise<WindowShift[]> {
    assertHallScope(staff.grants, hallId, HALL_STAFF);
    const rows = await this.store.ofHall(hallId, chinaDateOf(this.now()));
    return (await Promise.all(rows.map((r) => this.view(r)))).filter((s): s is WindowShift => s !== null).sort((a, b) => a.windowNumber - b.windowNumber);
  }

  async signIn(staff: ShiftStaff, windowId: string, takeOver: boolean): Promise<WindowShift> {
    const window = await this.windowOf(staff, windowId);
    const now = this.now();
    const next: ShiftRow = { account_id: staff.accountId, window_id: windowId, hall_id: window.hallId, day: chinaDateOf(now), signed_in_at: now };
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.store.signIn(next, takeOver);
        if (outcome.kind === 'elsewhere') {
          const other = await this.directory.getWindow(outcome.row.window_id);
          throw new AppError(409, 'SIGNED_IN_ELSEWHERE', 'Signed in at another window; sign out there or take over', { details: { windowId: outcome.row.window_id, windowNumber: other?.number ?? null } });
        }
        if (outcome.kind === 'taken') throw new AppError(409, 'WINDOW_TAKEN', 'Another staff member is signed in at this window', { details: { windowNumber: window.number } });
        if (outcome.kind === 'signed_in') {
          await this.record(staff, 'hall.window.sign_in', window, { takeOver, released: outcome.released.map((r) => ({ accountId: r.account_id, windowId: r.window_id })) });
          for (const r of outcome.released) this.forget(r.account_id);
        }
        this.confirmed.set(this.cacheKey(staff.accountId, windowId, next.day), now + CONFIRMED_MS);
        return (await this.view(outcome.row)) as WindowShift;
      } catch (err) {
        // Two sign-ins raced for the same window or person: read again, the winner is committed now.
        if (!isRace(err) || attempt >= RACE_RETRIES) throw err;
      }
    }
  }

  async signOut(staff: ShiftStaff, windowId: string): Promise<void> {
    const window = await this.windowOf(staff, windowId);
    this.forget(staff.accountId);
    if (await this.store.signOut(staff.accountId, windowId)) await this.record(staff, 'hall.window.sign_out', window, {});
  }

  /** Before a console step at a window: window staff must be (or become) signed in there. */
  async enter(staff: ShiftStaff, windowId: string): Promise<void> {
    if (!heldToOneWindow(staff.grants)) return;
    const now = this.now();
    const key = this.cacheKey(staff.accountId, windowId, chinaDateOf(now));
    if ((this.confirmed.get(key) ?? 0) > now) return;
    const row = await this.store.ofAccount(staff.accountId, chinaDateOf(now));
    if (row?.window_id === windowId) {
      this.confirmed.set(key, now + CONFIRMED_MS);
      return;
    }
    await this.signIn(staff, windowId, false);
  }

  private async windowOf(staff: ShiftStaff, windowId: string): Promise<HallWindow> {
    const window = await this.directory.getWindow(windowId);
    if (!window) throw new AppError(404, 'WINDOW_NOT_FOUND', 'No such window');
    assertHallScope(staff.grants, window.hallId, HALL_STAFF);
    return window;
  }

  private cacheKey(accountId: string, windowId: string, day: string): string {
    return `${accountId}|${windowId}|${day}`;
  }

  private forget(accountId: string): void {
    for (const key of this.confirmed.keys()) if (key.startsWith(`${accountId}|`)) this.confirmed.delete(key);
  }

  private async record(staff: ShiftStaff, action: string, window: HallWindow, details: Record<string, unknown>): Promise<void> {
    await this.audit.record({ actor: staff.accountId, action, targetType: 'hall_window', targetId: window.id, requestId: staff.requestId, details: { hallId: window.hallId, windowNumber: window.number, ...details } });
  }

  private async view(row: ShiftRow): Promise<WindowShift | null> {
    const window = await this.directory.getWindow(row.window_id);
    if (!window) return null;
    return { accountId: row.account_id, hallId: row.hall_id, windowId: row.window_id, windowNumber: window.number, windowName: window.name, day: row.day, signedInAt: new Date(Number(row.signed_in_at)).toISOString() };
  }
}
