import { AppError } from '../../core/app-error';
import { requireOwnRecord } from './require-own-record';

const missing = () => new AppError(404, 'APPOINTMENT_NOT_FOUND', 'No such appointment');
const persons = (outcome: 'mine' | 'not-mine' | 'down') => ({
  resolveSubject: async (_accountId: string, personId?: string) => {
    if (outcome === 'mine') return personId ?? 'p-self';
    if (outcome === 'not-mine') throw new AppError(404, 'PERSON_NOT_FOUND', 'Not in your family');
    throw new AppError(503, 'STORE_UNAVAILABLE', 'MySQL is down');
  },
});

describe('requireOwnRecord', () => {
  it('passes for the caller or their family', async () => {
    await expect(requireOwnRecord(persons('mine'), 'a1', 'p1', missing)).resolves.toBeUndefined();
  });

  it('answers someone else’s record with the record’s own not-found', async () => {
    await expect(requireOwnRecord(persons('not-mine'), 'a1', 'p2', missing)).rejects.toMatchObject({ status: 404, code: 'APPOINTMENT_NOT_FOUND' });
  });

  it('lets any other failure through unchanged (a store outage is not "not found")', async () => {
    await expect(requireOwnRecord(persons('down'), 'a1', 'p2', missing)).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
  });
});
