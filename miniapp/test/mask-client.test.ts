import { maskApi } from '../src/api/mask-api';
import { ApiError } from '../src/api/api-error';
import { fillPath } from '../src/api/fill-path';
import { headerName, queryString } from '../src/api/mask-client';
import { IdempotencyKeyHeader } from '../src/api/mask-contract';
import { fakeServer, loginAnswer, signedIn } from './helpers';
import { MASK, maskRound, myReservation, pharmacy } from './mask-fixtures';

const KEY = 'key-0001-abcdef';

describe('mask API client (maskRoutes)', () => {
  beforeEach(() => signedIn(undefined, 'tok-1'));

  it('sends no token on public routes and validates the answer', async () => {
    fakeServer.on('GET', MASK.round, fakeServer.json(200, { round: maskRound() }));

    const res = await maskApi.callMask('currentRound');

    expect(res.round?.status).toBe('open');
    expect(fakeServer.requests[0].url).toBe('http://api.test/api/v1/masks/rounds/current');
    expect(fakeServer.requests[0].header.Authorization).toBeUndefined();
  });

  it('puts the query in the URL, leaving out what is not set', async () => {
    fakeServer.on('GET', MASK.pharmacies, fakeServer.json(200, { items: [pharmacy('ph-1')], nextCursor: null }));

    await maskApi.callMask('listPharmacies', { query: { lat: 31.2, lng: 121.5, district: '浦东新区', cursor: undefined, limit: 20 } });

    expect(fakeServer.requests[0].url).toBe(
      `http://api.test/api/v1/masks/pharmacies?lat=31.2&lng=121.5&district=${encodeURIComponent('浦东新区')}&limit=20`,
    );
  });

  it('fills :id path parameters (URI-encoded) and sends the token', async () => {
    const { pickupCode: _c, shortCode: _s, ...reservation } = myReservation('r 1', { status: 'cancelled' });
    fakeServer.on('DELETE', '/api/v1/masks/reservations/r%201', fakeServer.json(200, { reservation, unitReturned: true }));

    const res = await maskApi.callMask('cancelReservation', { params: { id: 'r 1' } });

    expect(res.unitReturned).toBe(true);
    expect(fakeServer.requests[0]).toMatchObject({ method: 'DELETE', header: { Authorization: 'Bearer tok-1' } });
  });

  it('sends the Idempotency-Key header with a booking and accepts both 201 and 202 answers', async () => {
    const { pickupCode, shortCode, ...reservation } = myReservation('res-1');
    fakeServer.on(
      'POST',
      MASK.reservations,
      fakeServer.json(201, { reservation, pickupCode, shortCode }),
      fakeServer.json(202, {
        application: { id: 'app-1', roundId: 'r', pharmacyId: 'ph-1', pharmacyName: 'x', personId: 'p', personName: '张*', status: 'pending', createdAt: '2024-01-01T00:00:00Z' },
      }),
    );

    const first = await maskApi.callMask('bookMasks', { body: { pharmacyId: 'ph-1' }, headers: { 'idempotency-key': KEY } });
    const second = await maskApi.callMask('bookMasks', { body: { pharmacyId: 'ph-1' }, headers: { 'idempotency-key': KEY } });

    expect('reservation' in first && first.pickupCode).toBe(pickupCode);
    expect('application' in second && second.application.status).toBe('pending');
    expect(fakeServer.requests[0].header['Idempotency-Key']).toBe(KEY);
    expect(fakeServer.requests[0].data).toEqual({ pharmacyId: 'ph-1' });
  });

  it('repeats the same Idempotency-Key when it retries after a 401 re-login', async () => {
    signedIn(undefined, 'expired');
    const { pickupCode, shortCode, ...reservation } = myReservation('res-1');
    fakeServer.on('POST', MASK.reservations, fakeServer.error(401, 'UNAUTHENTICATED'), fakeServer.json(201, { reservation, pickupCode, shortCode }));
    fakeServer.on('POST', '/api/v1/auth/login', fakeServer.json(200, loginAnswer('renewed')));

    await maskApi.callMask('bookMasks', { body: { pharmacyId: 'ph-1' }, headers: { 'idempotency-key': KEY } });

    const sent = fakeServer.requestsTo(MASK.reservations);
    expect(sent.map((r) => [r.header.Authorization, r.header['Idempotency-Key']])).toEqual([
      ['Bearer expired', KEY],
      ['Bearer renewed', KEY],
    ]);
  });

  it('turns error bodies into ApiErrors with their raw details', async () => {
    fakeServer.on('POST', MASK.reservations, fakeServer.error(409, 'REPEAT_PERIOD', { availableFrom: '2024-03-12' }));

    const error = await maskApi.callMask('bookMasks', { body: { pharmacyId: 'ph-1' }, headers: { 'idempotency-key': KEY } }).catch((e) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'REPEAT_PERIOD', status: 409, rawDetails: { availableFrom: '2024-03-12' } });
  });

  it('reports an answer outside the response schema as INVALID_RESPONSE', async () => {
    fakeServer.on('GET', MASK.pharmacies, fakeServer.json(200, { items: [{ id: 1 }] }));

    await expect(maskApi.callMask('listPharmacies')).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('derives request types from the contract (checked by tsc, run by jest)', async () => {
    fakeServer.on('POST', MASK.reservations, fakeServer.error(400, 'VALIDATION_FAILED'));
    const rejects = (p: Promise<unknown>) => p.catch(() => undefined);

    // @ts-expect-error bookMasks needs the Idempotency-Key header
    await rejects(maskApi.callMask('bookMasks', { body: { pharmacyId: 'ph-1' } }));
    // @ts-expect-error the body follows CreateReservationRequest
    await rejects(maskApi.callMask('bookMasks', { body: { pharmacy: 'ph-1' }, headers: { 'idempotency-key': KEY } }));
    // @ts-expect-error cancelReservation needs its :id
    await rejects(maskApi.callMask('cancelReservation'));
    // @ts-expect-error the family list is identityRoutes' (family-api), no longer a mask route
    await rejects(maskApi.callMask('listFamily'));
    expect(fakeServer.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });
});

describe('request building helpers', () => {
  it('fills path parameters and refuses a missing one', () => {
    expect(fillPath('/a/:id/b', { id: 'x/y' })).toBe('/a/x%2Fy/b');
    expect(() => fillPath('/a/:id', {})).toThrow('path parameter "id" is missing');
  });

  it('builds query strings without empty values', () => {
    expect(queryString({ a: 1, b: undefined, c: '', d: null, e: 'x y' })).toBe('?a=1&e=x%20y');
    expect(queryString({})).toBe('');
  });

  it('spells contract header names the usual way', () => {
    expect(headerName('idempotency-key')).toBe('Idempotency-Key');
  });

  it('the contract still asks for the header the client sends', () => {
    expect(IdempotencyKeyHeader.safeParse(KEY).success).toBe(true);
  });
});
