import { AppError } from './app-error';

describe('AppError', () => {
  it('captures no stack for a 4xx answer, keeps one for a 5xx fault, and leaves the global limit alone', () => {
    const limit = Error.stackTraceLimit;
    const refusal = new AppError(409, 'SOLD_OUT', 'sold out');
    const fault = new AppError(500, 'INTERNAL', 'boom');
    expect(refusal.stack?.split('\n')).toHaveLength(1);
    expect(fault.stack?.split('\n').length).toBeGreaterThan(1);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(refusal).toBeInstanceOf(Error);
    expect(refusal).toMatchObject({ status: 409, code: 'SOLD_OUT', expose: true, name: 'AppError' });
    expect(fault.expose).toBe(false);
  });
});
