import { z } from 'zod';
import { notificationTemplateNames, type NotificationTemplateName } from '@govpass/shared-types';

/**
 * Every message the product sends, in one place: what data a domain event carries (validated when
 * it is enqueued, so a bad event fails in the caller's transaction instead of at 3 a.m. in the
 * dispatcher), which mini-program page a tap opens, and how the data fills each platform's
 * keyword fields. The keyword names must match the templates chosen in each platform's console;
 * the template ids themselves are configuration (`notifications.templates`).
 */
export type NotificationTemplate = NotificationTemplateName;

const colour = z.enum(['green', 'yellow', 'red']);
const epochMs = z.number().int().nonnegative();
const shortText = z.string().min(1).max(64);

export const templateDataSchemas = {
  health_colour_changed: z.object({ colour, previousColour: colour.optional(), changedAt: epochMs, reason: shortText.optional() }),
  hall_called: z.object({ hallName: shortText, ticketNumber: z.string().min(1).max(16), windowName: shortText, calledAt: epochMs }),
  hall_turn_near: z.object({ hallName: shortText, ticketNumber: z.string().min(1).max(16), ahead: z.number().int().nonnegative(), etaMinutes: z.number().int().nonnegative() }),
  mask_booked: z.object({ pharmacyName: shortText, pickupDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), quantity: z.number().int().positive(), bookedAt: epochMs }),
  appointment_offered: z.object({ appointmentId: z.string().min(1).max(36), hallName: shortText, serviceName: shortText, date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), start: z.string().regex(/^\d{2}:\d{2}$/), offeredAt: epochMs }),
  // A round closed early or cancelled: what happens to the person's reservation (or application).
  mask_round_changed: z.object({
    roundName: shortText,
    change: z.enum(['closed', 'cancelled']),
    /** What the person holds: a reservation (kept on close, cancelled on cancel) or a pending lottery application. */
    holds: z.enum(['reservation', 'application']),
    reason: shortText,
    pickupDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    changedAt: epochMs,
  }),
} satisfies Record<NotificationTemplate, z.ZodType>;

export type TemplateData<T extends NotificationTemplate> = z.infer<(typeof templateDataSchemas)[T]>;

/** The platforms that can receive subscribe messages (an h5 account cannot). */
export type MessagingChannel = 'weapp' | 'alipay';

/** keyword → text, before a platform's own envelope ({value}) is put around it. */
export type KeywordValues = Record<string, string>;

interface TemplateDefinition<T extends NotificationTemplate> {
  /** Page opened when the message is tapped (a page of the mini-program, with query). */
  page(data: TemplateData<T>): string;
  weapp(data: TemplateData<T>): KeywordValues;
  alipay(data: TemplateData<T>): KeywordValues;
}

const COLOUR_TEXT = { green: '绿码', yellow: '黄码', red: '红码' } as const;

/** Plain words for what a round change means to the person (≤ 20 characters for a thing field). */
function roundChangeText(d: TemplateData<'mask_round_changed'>): string {
  if (d.change === 'closed') return d.holds === 'reservation' ? `预约仍有效，${d.pickupDate}取货` : '已提前截止，仍参加抽签';
  return d.holds === 'reservation' ? '本轮已取消，预约作废' : '本轮已取消，不再抽签';
}

const definitions: { [T in NotificationTemplate]: TemplateDefinition<T> } = {
  // 本轮口罩预约提前截止/取消: opens 我的预约, where the reservation's new state shows.
  mask_round_changed: {
    page: () => 'packageMasks/pages/reservations/index',
    weapp: (d) => ({ thing1: d.roundName, thing2: roundChangeText(d), thing3: d.reason, time4: beijingMinute(d.changedAt) }),
    alipay: (d) => ({ keyword1: d.roundName, keyword2: roundChangeText(d), keyword3: d.reason, keyword4: beijingMinute(d.changedAt) }),
  },
  health_colour_changed: {
    page: () => 'pages/index/index',
    weapp: (d) => ({
      phrase1: COLOUR_TEXT[d.colour],
      time2: beijingMinute(d.changedAt),
      thing3: d.reason ?? colourAdvice(d.colour),
    }),
    alipay: (d) => ({
      keyword1: COLOUR_TEXT[d.colour],
      keyword2: beijingMinute(d.changedAt),
      keyword3: d.reason ?? colourAdvice(d.colour),
    }),
  },
  // 请到 3 号窗口: opens 我的排队 (today's tickets, the called one on top).
  hall_called: {
    page: () => 'packageHall/pages/ticket/index',
    weapp: (d) => ({ character_string1: d.ticketNumber, thing2: d.hallName, thing3: `请到${d.windowName}办理`, time4: beijingMinute(d.calledAt) }),
    alipay: (d) => ({ keyword1: d.ticketNumber, keyword2: d.hallName, keyword3: `请到${d.windowName}办理`, keyword4: beijingMinute(d.calledAt) }),
  },
  // 前面还有 2 人: opens 我的排队 as well.
  hall_turn_near: {
    page: () => 'packageHall/pages/ticket/index',
    weapp: (d) => ({ character_string1: d.ticketNumber, thing2: d.hallName, thing3: d.ahead === 0 ? '下一位就是您，请到等候区' : `前面还有${d.ahead}人，约${d.etaMinutes}分钟` }),
    alipay: (d) => ({ keyword1: d.ticketNumber, keyword2: d.hallName, keyword3: d.ahead === 0 ? '下一位就是您，请到等候区' : `前面还有${d.ahead}人，约${d.etaMinutes}分钟` }),
  },
  mask_booked: {
    page: () => 'packageMasks/pages/reservations/index',
    weapp: (d) => ({ thing1: d.pharmacyName, date2: d.pickupDate, number3: String(d.quantity), time4: beijingMinute(d.bookedAt) }),
    alipay: (d) => ({ keyword1: d.pharmacyName, keyword2: d.pickupDate, keyword3: `${d.quantity}个`, keyword4: beijingMinute(d.bookedAt) }),
  },
  // 候补成功: a place freed up and is now the person's (they may decline it on the appointment page).
  appointment_offered: {
    page: () => 'packageHall/pages/appointments/index',
    weapp: (d) => ({ thing1: d.hallName, thing2: d.serviceName, time3: `${d.date} ${d.start}`, thing4: '候补成功，不能前往请取消' }),
    alipay: (d) => ({ keyword1: d.hallName, keyword2: d.serviceName, keyword3: `${d.date} ${d.start}`, keyword4: '候补成功，不能前往请取消' }),
  },
};

function colourAdvice(c: 'green' | 'yellow' | 'red'): string {
  if (c === 'green') return '可正常通行';
  return '请打开政务通查看原因和办理方法';
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing time (also what Alipay's gateway wants as `timestamp`). */
export function beijingTimestamp(epochMsValue: number): string {
  // China has kept UTC+8 all year since 1991, so a fixed offset is exact without a tz database.
  const iso = new Date(epochMsValue + 8 * 60 * 60 * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `yyyy-MM-dd HH:mm` in Beijing time, the form both platforms' time keywords accept. */
export function beijingMinute(epochMsValue: number): string {
  return beijingTimestamp(epochMsValue).slice(0, 16);
}

/**
 * WeChat rejects a whole message (47003) when one keyword is longer than its type allows; the
 * type is the keyword's name without its number. Cut to fit rather than lose the message.
 */
const WECHAT_LIMITS: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, number: 32, letter: 32, car_number: 8 };

export function fitWechatValue(keyword: string, value: string): string {
  const limit = WECHAT_LIMITS[keyword.replace(/\d+$/, '')];
  const chars = [...value];
  if (limit === undefined || chars.length <= limit) return value;
  return `${chars.slice(0, limit - 1).join('')}…`;
}

export interface RenderedMessage {
  page: string;
  values: KeywordValues;
}

/** Validates stored data again (it may predate a schema change) and renders it for one platform. */
export function renderTemplate(template: string, rawData: unknown, channel: MessagingChannel): RenderedMessage {
  if (!isTemplateName(template)) throw new Error(`unknown notification template ${template}`);
  return render(template, rawData, channel);
}

function render<T extends NotificationTemplate>(template: T, rawData: unknown, channel: MessagingChannel): RenderedMessage {
  const data = parseTemplateData(template, rawData);
  const definition = definitions[template];
  const values = definition[channel](data);
  if (channel === 'weapp') for (const key of Object.keys(values)) values[key] = fitWechatValue(key, values[key]);
  return { page: definition.page(data), values };
}

export function parseTemplateData<T extends NotificationTemplate>(template: T, rawData: unknown): TemplateData<T> {
  return templateDataSchemas[template].parse(rawData) as TemplateData<T>;
}

export function isTemplateName(value: string): value is NotificationTemplate {
  return (notificationTemplateNames as readonly string[]).includes(value);
}
