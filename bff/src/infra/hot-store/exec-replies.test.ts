import type { ChainableCommander } from 'ioredis';
import { execReplies } from './exec-replies';

const multi = (outcome: Promise<[Error | null, unknown][] | null>) => ({ exec: () => outcome }) as unknown as ChainableCommander;

describe('execReplies', () => {
  it('returns the replies in order', async () => {
    await expect(execReplies(multi(Promise.resolve([[null, 1], [null, 'OK']])))).resolves.toEqual([1, 'OK']);
  });

  it('throws the error of a command that failed inside the transaction', async () => {
    await expect(execReplies(multi(Promise.resolve([[null, 1], [new Error('WRONGTYPE Operation against a key holding the wrong kind of value'), null]])))).rejects.toThrow(/WRONGTYPE/);
  });

  it('treats an aborted transaction as an error, not as no replies', async () => {
    await expect(execReplies(multi(Promise.resolve(null)))).rejects.toThrow(/aborted/);
  });

  it('maps a lost connection to the store-unavailable 503', async () => {
    await expect(execReplies(multi(Promise.reject(new Error('Connection is closed.'))))).rejects.toMatchObject({ status: 503 });
  });
});
