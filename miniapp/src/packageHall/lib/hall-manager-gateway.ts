/*
 * What the hall manager's pages (好差评跟进, 统计, ETA 误差, 预约时段) ask of the BFF, in the pages'
 * terms; http-hall-manager-gateway.ts speaks the contracts, tests swap in a fake.
 */

export type FollowUpFilter = 'open' | 'closed' | 'all';

export interface FollowUp {
  id: string;
  status: 'open' | 'closed';
  /** The manager must answer by then (ISO). */
  dueAt: string;
  /** Open past the deadline, or closed after it. */
  overdue: boolean;
  note: string | null;
  closedAt: string | null;
  createdAt: string;
  /** 5 非常满意 … 1 非常不满意 */
  grade: number;
  gradeLabel: string;
  tags: string[];
  comment: string | null;
  serviceName: string;
  /** 3 (号窗口), when known. */
  windowLabel: string | null;
}

export interface StatsRow {
  id: string;
  /** 居民身份证办理 or 3号窗口 */
  name: string;
  served: number;
  avgWaitMin: number | null;
  avgServiceMin: number | null;
  noShows: number;
  ratings: number;
  /** 0..1 */
  satisfaction: number | null;
  etaErrorP50Min: number | null;
  etaErrorP90Min: number | null;
}

export interface HallStats {
  from: string;
  to: string;
  services: StatsRow[];
  windows: StatsRow[];
  followUps: { open: number; overdue: number };
}

export interface EtaErrorRow {
  serviceId: string;
  serviceName: string;
  samples: number;
  meanAbsErrorMin: number;
  p90AbsErrorMin: number;
  /** 0..1: called no later than the "at worst" time given. */
  withinP90Share: number;
}

export interface SlotSetting {
  serviceId: string;
  serviceName: string;
  /** What the manager set; null = the default. */
  slotMinutes: number | null;
  capacity: number | null;
  effectiveSlotMinutes: number;
  effectiveCapacity: number;
}

export interface HallManagerGateway {
  hallName(hallId: string): Promise<string>;
  followUps(hallId: string, filter: FollowUpFilter): Promise<FollowUp[]>;
  closeFollowUp(hallId: string, id: string, note: string): Promise<void>;
  stats(hallId: string, from: string, to: string): Promise<HallStats>;
  etaError(hallId: string, days: number): Promise<EtaErrorRow[]>;
  slotSettings(hallId: string): Promise<SlotSetting[]>;
  setSlotSettings(hallId: string, serviceId: string, value: { slotMinutes: number | null; capacity: number | null }): Promise<SlotSetting>;
}
