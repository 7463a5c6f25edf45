import { z } from 'zod';
import { EntityId, IsoDate } from './masks';
import { HealthColour, HealthReason } from './personal-code';

/*
 * The health code: colour rules over official lists, risk areas, test results, declarations and
 * tracing exposures; appeals; imports. Dates are YYYY-MM-DD in China time; instants ISO-8601 UTC.
 */

export const HealthCodeQuery = z.object({
  /** A family member's person id (代亮码); omitted = the caller's own. */
  personId: EntityId.optional(),
});
export type HealthCodeQuery = z.infer<typeof HealthCodeQuery>;

export const HealthCodeResponse = z.object({
  /** The QR text, GPC1.… (docs/personal-code.md). */
  code: z.string(),
  colour: HealthColour,
  issuedAt: z.string(),
  expiresAt: z.string(),
  reasons: z.array(HealthReason),
  /** YYYY-MM-DD on which the code is expected to turn green; null when green or not foreseeable. */
  greenFrom: z.string().nullable(),
  person: z.object({ personId: z.string(), maskedName: z.string() }),
});
export type HealthCodeResponse = z.infer<typeof HealthCodeResponse>;

// ---------------------------------------------------------------- declarations (健康申报)

export const Symptom = z.enum(['fever', 'cough', 'sore_throat', 'fatigue', 'loss_of_taste', 'diarrhea']);
export type Symptom = z.infer<typeof Symptom>;

/** District code (行政区划代码, 6 digits) or name; matched against risk areas as given. */
export const District = z
  .string({ message: '请填写地区' })
  .trim()
  .min(2, { message: '请填写地区' })
  .max(40, { message: '地区名称过长' })
  .regex(/^[\u4e00-\u9fa5A-Za-z0-9·（）()]+$/u, { message: '地区名称含有不支持的字符' });

export const DeclarationRequest = z.object({
  personId: EntityId.optional(),
  symptoms: z.array(Symptom).max(6),
  /** Districts passed through in the last 14 days, each with the day. */
  travel: z.array(z.object({ district: District, date: IsoDate })).max(30),
});
export type DeclarationRequest = z.infer<typeof DeclarationRequest>;

export const HealthStatus = z.object({
  colour: HealthColour,
  reasons: z.array(HealthReason),
  greenFrom: z.string().nullable(),
  computedAt: z.string(),
});
export type HealthStatus = z.infer<typeof HealthStatus>;

export const DeclarationResponse = z.object({ id: z.string(), date: IsoDate, status: HealthStatus });
export type DeclarationResponse = z.infer<typeof DeclarationResponse>;

// ---------------------------------------------------------------- appeals (申诉)

export const AppealStatus = z.enum(['open', 'upheld', 'overridden']);
export type AppealStatus = z.infer<typeof AppealStatus>;

export const AppealText = z
  .string({ message: '请填写申诉理由' })
  .trim()
  .min(5, { message: '申诉理由至少5个字' })
  .max(500, { message: '申诉理由不超过500字' })
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), { message: '含有不可见的控制字符' });

export const CreateAppealRequest = z.object({ personId: EntityId.optional(), reason: AppealText });
export type CreateAppealRequest = z.infer<typeof CreateAppealRequest>;

export const Appeal = z.object({
  id: z.string(),
  personId: z.string(),
  maskedName: z.string(),
  colourAtFiling: HealthColour,
  reason: z.string(),
  status: AppealStatus,
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** When overridden: the colour given and until when. */
  overrideColour: HealthColour.nullable(),
  overrideUntil: z.string().nullable(),
  /** Open for more than 24 hours (officials' queue flags it). */
  overdue: z.boolean(),
});
export type Appeal = z.infer<typeof Appeal>;

export const AppealResponse = z.object({ appeal: Appeal });
export type AppealResponse = z.infer<typeof AppealResponse>;
export const AppealListResponse = z.object({ items: z.array(Appeal) });
export type AppealListResponse = z.infer<typeof AppealListResponse>;

export const AppealQueueQuery = z.object({ status: AppealStatus.optional() });

export const DecideAppealRequest = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('upheld'), note: AppealText }),
  z.object({ outcome: z.literal('overridden'), note: AppealText, colour: HealthColour, until: IsoDate }),
]);
export type DecideAppealRequest = z.infer<typeof DecideAppealRequest>;

// ---------------------------------------------------------------- official data

export const HealthListType = z.enum(['confirmed', 'suspected', 'close_contact', 'secondary_contact']);
export type HealthListType = z.infer<typeof HealthListType>;

/**
 * CSV with a header line. Lists: `idNumber,date,releasedOn` (date = diagnosis or last contact;
 * releasedOn may be empty). Test results: `idNumber,result,sampledAt` (negative|positive, ISO instant).
 * All rows or none: any bad row answers 422 IMPORT_INVALID with `details: [{line, message}]`.
 */
export const CsvText = z.string({ message: '请提供CSV内容' }).min(1).max(2_000_000);

export const ImportHealthListRequest = z.object({ list: HealthListType, csv: CsvText });
export type ImportHealthListRequest = z.infer<typeof ImportHealthListRequest>;

export const ImportTestResultsRequest = z.object({ csv: CsvText });
export type ImportTestResultsRequest = z.infer<typeof ImportTestResultsRequest>;

export const ImportResponse = z.object({
  imported: z.number().int(),
  /** People whose colour changed because of this import. */
  changed: z.number().int(),
});
export type ImportResponse = z.infer<typeof ImportResponse>;

export const RiskLevel = z.enum(['high', 'medium']);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const RiskArea = z.object({
  district: District,
  level: RiskLevel,
  from: IsoDate,
  /** Null while the area is still at risk. */
  until: IsoDate.nullable(),
});
export type RiskArea = z.infer<typeof RiskArea>;

/** Replaces the whole set of risk areas; re-evaluates only the people it can affect, as a job. */
export const SetRiskAreasRequest = z.object({ areas: z.array(RiskArea).max(5000) });
export type SetRiskAreasRequest = z.infer<typeof SetRiskAreasRequest>;
export const RiskAreaListResponse = z.object({ areas: z.array(RiskArea) });

export const JobStatus = z.enum(['queued', 'running', 'done', 'failed']);
export const HealthJob = z.object({
  id: z.string(),
  kind: z.string(),
  status: JobStatus,
  total: z.number().int(),
  done: z.number().int(),
  changed: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type HealthJob = z.infer<typeof HealthJob>;
export const HealthJobResponse = z.object({ job: HealthJob });
export type HealthJobResponse = z.infer<typeof HealthJobResponse>;

export const ColourChange = z.object({
  at: z.string(),
  from: HealthColour.nullable(),
  to: HealthColour,
  /** What caused it: import:<list>, test_result, declaration, risk_areas, appeal, exposure, expiry. */
  cause: z.string(),
});
export const ColourHistoryResponse = z.object({ items: z.array(ColourChange) });
export type ColourHistoryResponse = z.infer<typeof ColourHistoryResponse>;
