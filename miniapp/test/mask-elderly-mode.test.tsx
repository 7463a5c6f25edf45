import { render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ComponentType } from 'react';
import ConfirmPage from '../src/packageMasks/pages/confirm/index';
import FamilyPage from '../src/pages/family/index';
import PharmacyListPage from '../src/packageMasks/pages/pharmacies/index';
import ReservationsPage from '../src/packageMasks/pages/reservations/index';
import RedeemPage from '../src/packageMasks/pages/redeem/index';
import { ELDERLY_MODE_STORAGE_KEY } from '../src/store/elderly-mode';
import { fakeServer, signedIn } from './helpers';
import { FAMILY, familyMember } from './family-fixtures';
import { MASK, maskRound, myReservation, pharmacist, pharmacy, summary } from './mask-fixtures';

const PAGES: Array<[string, ComponentType]> = [
  ['page-mask-pharmacies', PharmacyListPage],
  ['page-mask-confirm', ConfirmPage],
  ['page-mask-reservations', ReservationsPage],
  // 家人管理 left the mask subpackage but is still reached from the mask pages.
  ['page-family', FamilyPage],
  ['page-pharmacy-redeem', RedeemPage],
];

describe('关怀模式 on the mask pages', () => {
  beforeEach(() => {
    signedIn(pharmacist);
    fakeServer.on('GET', MASK.round, fakeServer.json(200, { round: maskRound() }));
    fakeServer.on('GET', MASK.pharmacies, fakeServer.json(200, { items: [pharmacy('ph-1')], nextCursor: null }));
    fakeServer.on('GET', MASK.stock, fakeServer.json(200, { roundId: null, generatedAt: 'x', items: [] }));
    fakeServer.on('GET', FAMILY.list, fakeServer.json(200, { items: [familyMember('f-1')], limit: 5 }));
    fakeServer.on('GET', MASK.reservations, fakeServer.json(200, { items: [myReservation('r-1')], applications: [] }));
    fakeServer.on('GET', MASK.summary, fakeServer.json(200, summary()));
  });

  it.each(PAGES)('%s carries .elderly when it is on, and not when it is off', async (id, Page) => {
    Taro.setStorageSync(ELDERLY_MODE_STORAGE_KEY, true);
    const first = render(<Page />);
    expect(document.getElementById(id)?.classList.contains('elderly')).toBe(true);
    await waitFor(() => expect(fakeServer.requests.length).toBeGreaterThan(0));
    first.unmount();

    Taro.setStorageSync(ELDERLY_MODE_STORAGE_KEY, false);
    render(<Page />);
    expect(document.getElementById(id)?.classList.contains('elderly')).toBe(false);
    await waitFor(() => expect(fakeServer.requests.length).toBeGreaterThan(1));
  });
});
