import { ReplyError } from 'ioredis';
import { AppError } from '../../core/app-error';
import { toHotStoreError } from './hot-store-errors';

const reply = (message: string) => {
  const err = new ReplyError(message);
  return err;
};

describe('toHotStoreError', () => {
  it('maps outages to 503 STORE_UNAVAILABLE', () => {
    for (const err of [
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      new Error('Command timed out'),
      new Error('Connection is closed.'),
      reply('CLUSTERDOWN The cluster is down'),
      reply('LOADING Redis is loading the dataset in memory'),
      reply('TRYAGAIN Multiple keys request during rehashing of slot'),
    ]) {
      expect({ m: err.message, e: toHotStoreError(err) }).toMatchObject({ e: { status: 503, code: 'STORE_UNAVAILABLE' } });
    }
  });

  it('maps refusals and misuse to 500 INTERNAL (bugs, not outages)', () => {
    for (const err of [
      reply('ERR value is not an integer or out of range'),
      reply("CROSSSLOT Keys in request don't hash to the same slot"),
      reply('WRONGTYPE Operation against a key holding the wrong kind of value'),
      new Error('All the keys in a pipeline command should belong to the same slot'),
      new TypeError('keys of one script must share a hash tag'),
    ]) {
      expect({ m: err.message, e: toHotStoreError(err) }).toMatchObject({ e: { status: 500, code: 'INTERNAL' } });
    }
  });

  it('keeps AppErrors and the cause', () => {
    const app = new AppError(429, 'RATE_LIMITED', 'x');
    expect(toHotStoreError(app)).toBe(app);
    const cause = new Error('Command timed out');
    expect(toHotStoreError(cause).cause).toBe(cause);
  });
});
