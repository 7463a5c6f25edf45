import type { PersonDirectoryPort } from './health-ports';

export interface Subject {
  /** The caller's own person. */
  holder: string;
  /** Whom the request is about: the caller, or one of their family members (代亮码). */
  personId: string;
}

/** The caller or a family member, by identity's one rule; anyone else is 404 NOT_FOUND. */
export async function subjectOf(directory: PersonDirectoryPort, accountId: string, personId?: string): Promise<Subject> {
  const holder = await directory.requirePersonOf(accountId);
  return { holder, personId: await directory.resolveSubject(accountId, personId) };
}
