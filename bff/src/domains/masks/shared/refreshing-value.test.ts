import { RefreshingValue } from './refreshing-value';

describe('RefreshingValue', () => {
  let now = 0;
  const clock = () => now;

  it('loads at most once per interval, sharing one in-flight load', async () => {
    let loads = 0;
    const v = new RefreshingValue(async () => ++loads, 5000, clock);
    expect(await Promise.all([v.get(), v.get(), v.get()])).toEqual([1, 1, 1]);
    now += 4999;
    expect(await v.get()).toBe(1);
    now += 1;
    expect(await v.get()).toBe(2);
    v.invalidate();
    expect(await v.get()).toBe(3);
  });

  it('serves the last good value when a reload fails, and retries about a second later', async () => {
    now = 0;
    let fail = false;
    let loads = 0;
    const errors: unknown[] = [];
    const v = new RefreshingValue(
      async () => {
        loads += 1;
        if (fail) throw new Error('down');
        return loads;
      },
      5000,
      clock,
      (e) => errors.push(e),
    );
    expect(await v.get()).toBe(1);
    fail = true;
    now = 6000;
    expect(await v.get()).toBe(1);
    expect(await v.get()).toBe(1);
    expect(loads).toBe(2);
    now = 7000;
    fail = false;
    expect(await v.get()).toBe(3);
    expect(errors).toHaveLength(1);
  });

  it('throws when the very first load fails', async () => {
    const v = new RefreshingValue(async () => Promise.reject(new Error('no db')), 5000, clock);
    await expect(v.get()).rejects.toThrow('no db');
  });
});
