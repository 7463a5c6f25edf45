import { z } from 'zod';
import { safeText } from './safe-text';
import { IsoDate } from './masks';

/** Page number and size of a listing; a page past the end is empty, not an error. */
export const PageQuery = z.object({
  page: z.coerce.number({ message: '页码应为数字' }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number({ message: '每页条数应为数字' }).int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

/**
 * The audit log's filters: who (account id, or `cli:<user>`), what (an action or a prefix of one
 * ending in `.`, e.g. `role.`), and China dates (inclusive) between which it happened.
 */
export const AuditQuery = PageQuery.extend({
  actor: safeText().trim().min(1).max(64).optional(),
  action: safeText()
    .trim()
    .regex(/^[a-z0-9._-]{1,64}$/, { message: '操作类型只能包含小写字母、数字、点、下划线和横线' })
    .optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntryView = z.object({
  id: z.number().int(),
  /** Epoch milliseconds. */
  at: z.number().int(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  requestId: z.string().nullable(),
  /** Never an ID number, name or token (see AuditLog). */
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditListResponse = z.object({
  items: z.array(AuditEntryView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditListResponse = z.infer<typeof AuditListResponse>;
