import fs from 'node:fs';
import path from 'node:path';
import { ENTRY_KINDS, parseScene, sceneOf } from '@govpass/shared-types';
import { pages } from '../src/constants/pages';
import { entryTargets } from '../src/scan-entry/entry-targets';

/** `/packageX/pages/y/index` is in app.config.ts as root 'packageX' + page 'pages/y/index', or as a main page. */
function declared(page: string): boolean {
  const config = fs.readFileSync(path.resolve(__dirname, '../src/app.config.ts'), 'utf8');
  const [, root, ...rest] = page.split('/');
  const inner = rest.join('/');
  const asMain = config.includes(`'${page.slice(1)}'`);
  const asSub = new RegExp(`root: '${root}'[\\s\\S]*?pages: \\[[^\\]]*'${inner}'`).test(config);
  return asMain || asSub;
}

describe('scan entry targets', () => {
  it('has a target for every kind of place in the contract', () => {
    expect(Object.keys(entryTargets).sort()).toEqual(ENTRY_KINDS.filter((k) => k !== 'home').sort());
  });

  it.each(Object.entries(entryTargets))('%s: `available` says exactly whether its page is in app.config.ts', (_kind, target) => {
    expect({ page: target.page, available: target.available }).toEqual({ page: target.page, available: declared(target.page) });
    if (!target.available) expect(target.unavailable).toMatch(/已为您打开首页/);
  });

  it('a pharmacy opens the booking page with its id, name and address', () => {
    expect(entryTargets.pharmacy.page).toBe(pages.maskConfirm);
    expect(entryTargets.pharmacy.query({ kind: 'pharmacy', id: 'ph-1' }, { name: 'N', address: 'A' })).toEqual({ id: 'ph-1', name: 'N', address: 'A' });
    expect(parseScene(sceneOf({ kind: 'window', id: 'w-1' }))).toEqual({ kind: 'window', id: 'w-1' });
  });
});
