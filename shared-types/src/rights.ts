import { z } from 'zod';
import { LoginChannel } from './auth';

/*
 * A citizen's rights over their account (docs/privacy.md): sessions, privacy consent, export, deletion.
 */

export const LogoutResponse = z.object({ loggedOut: z.literal(true) });
export type LogoutResponse = z.infer<typeof LogoutResponse>;

export const SessionInfo = z.object({
  id: z.string(),
  channel: LoginChannel,
  createdAt: z.string(),
  lastUsedAt: z.string(),
  /** e.g. 203.0.113.* — never the full address. */
  ipMasked: z.string(),
  /** A coarse place when it needs no location database (本机, 内网), else null. */
  place: z.string().nullable(),
  /** The session this request is made with. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SessionListResponse = z.object({ sessions: z.array(SessionInfo) });
export type SessionListResponse = z.infer<typeof SessionListResponse>;

export const RevokeAllSessionsResponse = z.object({ revoked: z.number().int().min(0) });
export type RevokeAllSessionsResponse = z.infer<typeof RevokeAllSessionsResponse>;

/** A policy version as the repository names its file: v1, v2, … */
export const PolicyVersion = z.string().trim().regex(/^v[0-9]{1,4}$/, { message: '隐私政策版本格式不正确' });

export const PrivacyPolicyResponse = z.object({
  version: PolicyVersion,
  /** YYYY-MM-DD. */
  effectiveFrom: z.string(),
  title: z.string(),
  /** The policy in Markdown (headings, paragraphs, lists only). */
  text: z.string(),
});
export type PrivacyPolicyResponse = z.infer<typeof PrivacyPolicyResponse>;

export const ConsentStatus = z.object({
  /** The policy version in force. */
  currentVersion: PolicyVersion,
  /** The newest version this account agreed to, if any. */
  agreedVersion: PolicyVersion.nullable(),
  agreedAt: z.string().nullable(),
  /** True when the account must (re)agree before identity binding and location use. */
  required: z.boolean(),
});
export type ConsentStatus = z.infer<typeof ConsentStatus>;

export const GiveConsentRequest = z.object({ version: PolicyVersion });
export type GiveConsentRequest = z.infer<typeof GiveConsentRequest>;

export const DataExportResponse = z.object({
  exportedAt: z.string(),
  /** What the export is: a short note in Chinese for the person reading it. */
  note: z.string(),
  /** One section per domain (identity, family, masks, health, consent, sessions, …), as each domain writes it. */
  sections: z.record(z.string(), z.unknown()),
});
export type DataExportResponse = z.infer<typeof DataExportResponse>;

/** The phrase a person types to confirm deleting their account. */
export const DELETE_ACCOUNT_PHRASE = '确认注销';

/**
 * In the query string (DELETE bodies are not read by the BFF and are dropped by some proxies and
 * platforms); the access log records no query strings.
 */
export const DeleteAccountQuery = z.object({
  confirmation: z.string({ message: `请输入“${DELETE_ACCOUNT_PHRASE}”` }).trim().max(20),
});
export type DeleteAccountQuery = z.infer<typeof DeleteAccountQuery>;

export const ErasureStep = z.object({
  domain: z.string(),
  /** What the step did, counted (e.g. { cancelled: 1, unitsReturned: 1 }). */
  counts: z.record(z.string(), z.number().int()),
});
export type ErasureStep = z.infer<typeof ErasureStep>;

export const DeleteAccountResponse = z.object({
  deleted: z.literal(true),
  steps: z.array(ErasureStep),
});
export type DeleteAccountResponse = z.infer<typeof DeleteAccountResponse>;
