import { appointmentApi, hallApi } from '../../api/hall-api';
import { RATING_GRADE_LABELS, ratingScore, type FollowUpItem, type HallStatsRow, type ServiceSlotSettings } from '../../api/hall-contract';
import type { HallManagerGateway, SlotSetting, StatsRow } from './hall-manager-gateway';

interface Names {
  hall: string;
  services: Map<string, string>;
  windows: Map<string, number>;
}

async function namesOf(hallId: string): Promise<Names> {
  const res = await hallApi.call('getHall', { params: { hallId } });
  return { hall: res.hall.name, services: new Map(res.hall.services.map((s) => [s.id, s.name])), windows: new Map(res.windows.map((w) => [w.id, w.number])) };
}

function statsRow(r: HallStatsRow, name: string): StatsRow {
  return {
    id: r.id,
    name,
    served: r.served,
    avgWaitMin: r.avgWaitMinutes,
    avgServiceMin: r.avgServiceMinutes,
    noShows: r.noShows,
    ratings: r.ratings,
    satisfaction: r.satisfaction,
    etaErrorP50Min: r.etaErrorP50Minutes,
    etaErrorP90Min: r.etaErrorP90Minutes,
  };
}

function followUp(f: FollowUpItem, names: Names) {
  const windowNumber = f.rating.windowId ? names.windows.get(f.rating.windowId) : undefined;
  return {
    id: f.id,
    status: f.status,
    dueAt: f.dueAt,
    overdue: f.overdue,
    note: f.note,
    closedAt: f.closedAt,
    createdAt: f.createdAt,
    grade: ratingScore(f.rating.grade),
    gradeLabel: RATING_GRADE_LABELS[f.rating.grade],
    tags: f.rating.tags,
    comment: f.rating.comment,
    serviceName: names.services.get(f.rating.serviceId) ?? '办理事项',
    windowLabel: windowNumber !== undefined ? String(windowNumber) : null,
  };
}

const slotSetting = (s: ServiceSlotSettings): SlotSetting => ({
  serviceId: s.serviceId,
  serviceName: s.serviceName,
  slotMinutes: s.slotMinutes,
  capacity: s.capacity,
  effectiveSlotMinutes: s.effectiveSlotMinutes,
  effectiveCapacity: s.effectiveCapacity,
});

/** The manager pages' gateway over the hall and appointment contracts. */
export const httpHallManagerGateway: HallManagerGateway = {
  async hallName(hallId) {
    return (await namesOf(hallId)).hall;
  },
  async followUps(hallId, filter) {
    const [res, names] = await Promise.all([appointmentApi.call('ratingFollowUps', { params: { hallId }, query: { status: filter } }), namesOf(hallId)]);
    return res.items.map((f) => followUp(f, names));
  },
  async closeFollowUp(hallId, id, note) {
    await appointmentApi.call('closeFollowUp', { params: { hallId, id }, body: { note } });
  },
  async stats(hallId, from, to) {
    const [res, names] = await Promise.all([appointmentApi.call('hallStats', { params: { hallId }, query: { from, to } }), namesOf(hallId)]);
    return {
      from: res.from,
      to: res.to,
      services: res.services.map((r) => statsRow(r, names.services.get(r.id) ?? r.id)),
      windows: res.windows.map((r) => statsRow(r, names.windows.has(r.id) ? `${names.windows.get(r.id)}号窗口` : r.id)),
      followUps: res.followUps,
    };
  },
  async etaError(hallId, days) {
    const res = await hallApi.call('etaError', { params: { hallId }, query: { days } });
    return res.services.map((s) => ({ ...s }));
  },
  async slotSettings(hallId) {
    return (await appointmentApi.call('listSlotSettings', { params: { hallId } })).items.map(slotSetting);
  },
  async setSlotSettings(hallId, serviceId, value) {
    return slotSetting((await appointmentApi.call('setSlotSettings', { params: { hallId, serviceId }, body: value })).settings);
  },
};
