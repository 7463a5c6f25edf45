import type { Generated } from 'kysely';

/* Accounts, people, roles, audit, family, sessions and consents: who someone is and what they may do. Conventions in ../database.ts. */

export interface AccountsTable {
  id: string;
  channel: 'weapp' | 'alipay' | 'h5';
  channel_user_id: string;
  union_id: string | null;
  person_id: string | null;
  created_at: number;
}

export interface PersonsTable {
  id: string;
  /** HMAC-SHA256 of the ID number: the only way to look a person up. */
  id_hash: string;
  /** AES-256-GCM ciphertext of the ID number. */
  id_cipher: string;
  name_cipher: string;
  birth_date: string;
  created_at: number;
}

export interface RoleGrantsTable {
  id: Generated<number>;
  account_id: string;
  role: string;
  /** '' for global roles: a NULL would not take part in the unique key on MySQL. */
  scope_id: string;
  granted_by: string;
  created_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  request_id: string | null;
  details: string | null;
}

export interface RegistryEntriesTable {
  id_hash: string;
  name_hash: string;
}

export interface FamilyMembersTable {
  id: string;
  holder_person_id: string;
  member_person_id: string;
  relation: string;
  created_at: number;
}

export interface PersonCodeRefsTable {
  person_id: string;
  /** 8 random bytes as 16 lowercase hex characters. */
  ref: string;
  created_at: number;
}

export interface PrintedCodesTable {
  id: string;
  person_id: string;
  /** 8 random bytes as 16 lowercase hex characters. */
  ref: string;
  /** Account id of the holder who printed it, or 'admin:<account id>'. */
  issued_by: string;
  issued_at: number;
  expires_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

/** A live session's listing (0009-rights); the hot store's record is what makes the token valid. */
export interface AccountSessionsTable {
  id: string;
  account_id: string;
  token_hash: string;
  channel: 'weapp' | 'alipay' | 'h5';
  created_at: number;
  last_used_at: number;
  expires_at: number;
  ip_masked: string;
}

/** An account whose deletion has begun (migration 0019): bookings of it are no longer recorded. */
export interface AccountErasuresTable {
  account_id: string;
  started_at: number;
}

export interface PrivacyConsentsTable {
  id: string;
  account_id: string;
  version: string;
  channel: string;
  agreed_at: number;
}
