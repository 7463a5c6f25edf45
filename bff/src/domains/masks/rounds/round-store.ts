import type { MaskRoundMode } from '../shared/mask-contract';

export interface RoundRecord {
  id: string;
  name: string;
  /** Epoch ms. */
  opensAt: number;
  closesAt: number;
  /** YYYY-MM-DD, China time. */
  pickupDate: string;
  quantityPerPerson: number;
  mode: MaskRoundMode;
  repeatDays: number;
  createdAt: number;
  /** Set when an administrator closed it before its planned end (closesAt is then that instant). */
  closedEarlyAt?: number | null;
  /** Set when an administrator cancelled it: it is closed and no longer the current round. */
  cancelledAt?: number | null;
  /** The administrator's reason for closing early or cancelling. */
  changeReason?: string | null;
}

/** The editable fields of a round that has not opened. */
export type RoundEdit = Pick<RoundRecord, 'name' | 'opensAt' | 'closesAt' | 'pickupDate' | 'quantityPerPerson' | 'mode' | 'repeatDays'>;

export interface RoundStore {
  findById(id: string): Promise<RoundRecord | null>;
  /** Rounds still closing after `sinceMs`, or opening later: the candidates for "current". */
  closingAfter(sinceMs: number): Promise<RoundRecord[]>;
  /** Newest first. */
  list(limit: number): Promise<RoundRecord[]>;
  /** Newest first, one page, and how many rounds there are. */
  page(offset: number, limit: number): Promise<{ items: RoundRecord[]; total: number }>;
  /** Rounds (not cancelled) whose booking window overlaps [opensAt, closesAt). */
  overlapping(opensAt: number, closesAt: number): Promise<RoundRecord[]>;
  insert(round: RoundRecord): Promise<void>;
  /** Replaces the editable fields while the round has not opened (opens_at > now): false otherwise. */
  updateBeforeOpening(id: string, edit: RoundEdit, now: number): Promise<boolean>;
}
