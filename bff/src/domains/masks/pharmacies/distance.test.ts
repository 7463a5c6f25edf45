import { byDistanceFrom, distanceMeters } from './distance';

describe('distanceMeters', () => {
  it('is zero at the same point and matches known distances', () => {
    expect(distanceMeters({ lat: 31.86, lng: 117.28 }, { lat: 31.86, lng: 117.28 })).toBe(0);
    // One degree of latitude ≈ 111.2 km anywhere.
    expect(distanceMeters({ lat: 31, lng: 117 }, { lat: 32, lng: 117 })).toBeCloseTo(111_195, -2);
    // Hefei → Beijing (Tiananmen) is about 900 km as the crow flies.
    const km = distanceMeters({ lat: 31.8206, lng: 117.2272 }, { lat: 39.9087, lng: 116.3975 }) / 1000;
    expect(km).toBeGreaterThan(890);
    expect(km).toBeLessThan(910);
  });

  it('is symmetric', () => {
    const a = { lat: 31.8639, lng: 117.283 };
    const b = { lat: 31.8202, lng: 117.2245 };
    expect(distanceMeters(a, b)).toBeCloseTo(distanceMeters(b, a), 6);
  });
});

describe('byDistanceFrom', () => {
  it('orders nearest first with rounded metres, breaking ties by id', () => {
    const origin = { lat: 31.86, lng: 117.28 };
    const items = [
      { id: 'far', lat: 31.96, lng: 117.28 },
      { id: 'b-tie', lat: 31.87, lng: 117.28 },
      { id: 'near', lat: 31.8601, lng: 117.28 },
      { id: 'a-tie', lat: 31.87, lng: 117.28 },
    ];
    const sorted = byDistanceFrom(origin, items);
    expect(sorted.map((s) => s.id)).toEqual(['near', 'a-tie', 'b-tie', 'far']);
    expect(sorted[0].distanceM).toBe(11);
    expect(sorted.every((s) => Number.isInteger(s.distanceM))).toBe(true);
    expect(items[0]).not.toHaveProperty('distanceM');
  });

  it('orders across the 180° meridian by true distance, not by longitude difference', () => {
    const sorted = byDistanceFrom({ lat: 0, lng: 179.9 }, [
      { id: 'west', lat: 0, lng: 179 },
      { id: 'across', lat: 0, lng: -179.9 },
    ]);
    expect(sorted.map((s) => s.id)).toEqual(['across', 'west']);
  });
});
