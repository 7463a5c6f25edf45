import { AppError } from '../../core/app-error';
import type { AppointmentPersons } from './appointment-ports';

/**
 * Passes when the caller may act for the record's person (themself or their family). Otherwise
 * throws `missing()`: a record of someone else reads as not found, never as forbidden, so ids
 * cannot be probed for whether they exist.
 */
export async function requireOwnRecord(persons: Pick<AppointmentPersons, 'resolveSubject'>, accountId: string, personId: string, missing: () => AppError): Promise<void> {
  try {
    await persons.resolveSubject(accountId, personId);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw missing();
    throw err;
  }
}
