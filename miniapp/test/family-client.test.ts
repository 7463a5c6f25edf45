import { familyApi } from '../src/api/family-api';
import { ApiError } from '../src/api/api-error';
import { fakeServer, loginAnswer, signedIn } from './helpers';
import { FAMILY, familyMember } from './family-fixtures';

describe('family API client (identityRoutes)', () => {
  beforeEach(() => signedIn(undefined, 'tok-1'));

  it('lists at /api/v1/family with the token and validates the answer', async () => {
    fakeServer.on('GET', FAMILY.list, fakeServer.json(200, { items: [familyMember('f-1')], limit: 5 }));

    const res = await familyApi.list();

    expect(res).toEqual({ items: [familyMember('f-1')], limit: 5 });
    expect(fakeServer.requests[0]).toMatchObject({ method: 'GET', url: 'http://api.test/api/v1/family', header: { Authorization: 'Bearer tok-1' } });
  });

  it('adds with a POST of the body and takes the 201 answer', async () => {
    fakeServer.on('POST', FAMILY.list, fakeServer.json(201, { member: familyMember('f-2', { relation: 'child' }) }));

    const res = await familyApi.add({ name: '王小明', idNumber: '110105201501010015', relation: 'child' });

    expect(res.member.relation).toBe('child');
    expect(fakeServer.requests[0].data).toEqual({ name: '王小明', idNumber: '110105201501010015', relation: 'child' });
  });

  it('removes by the link id, URI-encoded into the path, after one re-login on 401', async () => {
    signedIn(undefined, 'expired');
    fakeServer.on('DELETE', FAMILY.member('f 1'), fakeServer.error(401, 'UNAUTHENTICATED'), fakeServer.json(200, { deleted: true }));
    fakeServer.on('POST', '/api/v1/auth/login', fakeServer.json(200, loginAnswer('renewed')));

    const res = await familyApi.remove('f 1');

    const literalTrue: true = res.deleted;
    expect(literalTrue).toBe(true);
    expect(fakeServer.requestsTo(FAMILY.member('f 1')).map((r) => r.header.Authorization)).toEqual(['Bearer expired', 'Bearer renewed']);
    expect(fakeServer.requestsTo(FAMILY.member('f 1'))[0].url).toBe('http://api.test/api/v1/family/f%201');
  });

  it('turns FAMILY_LIMIT into an ApiError and an off-schema answer into INVALID_RESPONSE', async () => {
    fakeServer.on('POST', FAMILY.list, fakeServer.error(409, 'FAMILY_LIMIT', { limit: 5 }));
    fakeServer.on('GET', FAMILY.list, fakeServer.json(200, { items: [{ id: 1 }], limit: 5 }));

    const limit = await familyApi.add({ name: '王小明', idNumber: '110105201501010015', relation: 'child' }).catch((e) => e);

    expect(limit).toBeInstanceOf(ApiError);
    expect(limit).toMatchObject({ code: 'FAMILY_LIMIT', status: 409 });
    await expect(familyApi.list()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('derives request types from the contract (checked by tsc, run by jest)', async () => {
    fakeServer.on('POST', FAMILY.list, fakeServer.error(400, 'VALIDATION_FAILED'));
    const rejects = (p: Promise<unknown>) => p.catch(() => undefined);

    // @ts-expect-error the relation must be one of FamilyRelation
    await rejects(familyApi.add({ name: '王小明', idNumber: '110105201501010015', relation: 'cousin' }));
    // @ts-expect-error removing needs the link id
    await rejects(familyApi.remove());
    expect(fakeServer.requests.map((r) => r.method)).toEqual(['POST']);
  });
});
