import { AppError } from '../../core/app-error';
import type { PersonDirectoryPort } from './health-ports';

export interface Subject {
  /** The caller's own person. */
  holder: string;
  /** Whom the request is about: the caller, or one of their family members (代亮码). */
  personId: string;
}

/** The caller or a family member; anyone else is answered as if they did not exist. */
export async function subjectOf(directory: PersonDirectoryPort, accountId: string, personId?: string): Promise<Subject> {
  const holder = await directory.requirePersonOf(accountId);
  if (personId === undefined || personId === holder) return { holder, personId: holder };
  if (!(await directory.familyMemberIds(holder)).includes(personId)) throw new AppError(404, 'PERSON_NOT_FOUND', 'Not you or one of your family members');
  return { holder, personId };
}
