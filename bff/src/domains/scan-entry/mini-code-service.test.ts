import { AppError } from '../../core/app-error';
import { EntryService } from './entry-service';
import type { MiniCodeImage, MiniCodeProvider } from './mini-code-provider';
import { MiniCodeService } from './mini-code-service';

const PNG = Buffer.from('89504e470d0a1a0a0000', 'hex');

function countingProvider(fail = false): MiniCodeProvider & { calls: string[] } {
  const calls: string[] = [];
  return {
    platform: 'weapp',
    calls,
    async create(scene: string): Promise<MiniCodeImage> {
      calls.push(scene);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new AppError(503, 'UPSTREAM_UNAVAILABLE', 'down');
      return { bytes: PNG, contentType: 'image/png' };
    },
  };
}

const entries = new EntryService({ pharmacy: async (id) => (id === 'ph-1' ? { name: 'N', address: 'A' } : null) }, 'https://gov.example.cn');
let clock = Date.UTC(2026, 0, 1); // a real instant: lru-cache reads a start time of 0 as "no TTL"
const now = () => clock;

describe('MiniCodeService', () => {
  it('shares one upstream call among concurrent requests and keeps the code for its TTL', async () => {
    const provider = countingProvider();
    const service = new MiniCodeService({ weapp: provider }, entries, 1000, now);
    const ph = { kind: 'pharmacy', id: 'ph-1' } as const;
    await Promise.all([service.codeOf(ph, 'weapp'), service.codeOf(ph, 'weapp'), service.codeOf(ph, 'weapp')]);
    expect(provider.calls).toEqual(['p/ph-1']);
    clock += 1001;
    await service.codeOf(ph, 'weapp');
    expect(provider.calls).toHaveLength(2);
  });

  it('does not keep failures', async () => {
    const provider = countingProvider(true);
    const service = new MiniCodeService({ weapp: provider }, entries, 1000, now);
    const hall = { kind: 'hall', id: 'h-1' } as const;
    await expect(service.codeOf(hall, 'weapp')).rejects.toMatchObject({ status: 503 });
    await expect(service.codeOf(hall, 'weapp')).rejects.toMatchObject({ status: 503 });
    expect(provider.calls).toEqual(['h/h-1', 'h/h-1']);
  });

  it('answers 503 for a platform that is not set up, 404 for a place that is gone, 400 for an id too long for a scene', async () => {
    const service = new MiniCodeService({ weapp: countingProvider() }, entries, 1000, now);
    await expect(service.codeOf({ kind: 'pharmacy', id: 'ph-1' }, 'alipay')).rejects.toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'not_configured' } });
    await expect(service.codeOf({ kind: 'pharmacy', id: 'ph-gone' }, 'weapp')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    await expect(service.codeOf({ kind: 'hall', id: 'a'.repeat(33) }, 'weapp')).rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
