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
}

export interface RoundStore {
  findById(id: string): Promise<RoundRecord | null>;
  /** Rounds still closing after `sinceMs`, or opening later: the candidates for "current". */
  closingAfter(sinceMs: number): Promise<RoundRecord[]>;
  /** Newest first. */
  list(limit: number): Promise<RoundRecord[]>;
  /** Rounds whose booking window overlaps [opensAt, closesAt). */
  overlapping(opensAt: number, closesAt: number): Promise<RoundRecord[]>;
  insert(round: RoundRecord): Promise<void>;
}
