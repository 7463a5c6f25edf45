import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Timestamps are epoch milliseconds (BIGINT) so MySQL and SQLite
 * agree on them; dates (YYYY-MM-DD) are strings.
 */
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

export interface PharmaciesTable {
  id: string;
  name: string;
  address: string;
  district: string;
  latitude: number;
  longitude: number;
  phone: string;
  opening_hours: string;
  created_at: number;
  updated_at: number;
}

export interface Database {
  accounts: AccountsTable;
  persons: PersonsTable;
  role_grants: RoleGrantsTable;
  audit_log: AuditLogTable;
  registry_entries: RegistryEntriesTable;
  pharmacies: PharmaciesTable;
}
