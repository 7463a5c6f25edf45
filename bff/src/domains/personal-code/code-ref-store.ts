/** The durable record of which person a live code's ref names (refs are 16 lowercase hex chars). */
export interface CodeRefStore {
  refOf(personId: string): Promise<string | null>;
  personOf(refHex: string): Promise<string | null>;
  /** 'created', or which unique key refused the row: the person already has a ref, or the ref is taken. */
  insert(personId: string, refHex: string, createdAt: number): Promise<'created' | 'conflict'>;
}

export interface PrintedCodeRecord {
  id: string;
  personId: string;
  refHex: string;
  issuedBy: string;
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
}

/** Printed cards (离线码); times are epoch ms. */
export interface PrintedCodeStore {
  /** false when the ref is taken (the caller draws another). */
  insert(card: PrintedCodeRecord): Promise<boolean>;
  findById(id: string): Promise<PrintedCodeRecord | null>;
  findByRef(refHex: string): Promise<PrintedCodeRecord | null>;
  /** Newest first. */
  listOf(personId: string): Promise<PrintedCodeRecord[]>;
  /** Sets revoked_at once; false when it was revoked already. */
  revoke(id: string, at: number, by: string): Promise<boolean>;
  /** Revoked cards that have not expired at `now`. */
  revokedUnexpired(now: number): Promise<{ refHex: string; expiresAt: number }[]>;
}
