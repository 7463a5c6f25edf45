import { useCallback, useEffect, useRef, useState } from 'react';
import { maskApi } from '../../../api/mask-api';
import { userMessage } from '../../../api/error-messages';
import type { PharmacyListItem } from '../../../api/mask-contract';
import type { GeoPoint } from '../../../platform/types';
import { locateWithConsent } from '../../../store/consent';

export const PAGE_SIZE = 20;

export interface PharmacyListState {
  items: PharmacyListItem[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  /** Districts for the filter chips (from the open stock data); empty when unknown. */
  districts: string[];
  district: string | null;
  position: GeoPoint | null;
  /** 离我最近 was tapped and no position came (refused, no agreement, no fix). */
  locateFailed: boolean;
  /** 离我最近: the position is asked for only now (after the privacy agreement), then nearest first. */
  nearest: () => Promise<void>;
  chooseDistrict: (district: string | null) => void;
  loadMore: () => Promise<void>;
  refresh: () => void;
}

/**
 * The pharmacy list: nearest first once the person asked for it (离我最近: position asked only
 * then, and only after the privacy agreement; a refusal just means no distances), filtered by
 * district, paged by cursor.
 */
export function usePharmacyList(): PharmacyListState {
  const [items, setItems] = useState<PharmacyListItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [districts, setDistricts] = useState<string[]>([]);
  const [district, setDistrict] = useState<string | null>(null);
  const [position, setPosition] = useState<GeoPoint | null>(null);
  const [locateFailed, setLocateFailed] = useState(false);
  const [refreshTick, setRefreshTick] = useState(0);
  // Answers to superseded requests (the user switched district meanwhile) are dropped.
  const generation = useRef(0);

  useEffect(() => {
    let active = true;
    maskApi
      .callMask('stock')
      .then((stock) => active && setDistricts(Array.from(new Set(stock.items.map((i) => i.district))).sort()))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, []);

  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      maskApi.callMask('listPharmacies', {
        query: { lat: position?.lat, lng: position?.lng, district: district ?? undefined, cursor, limit: PAGE_SIZE },
      }),
    [position, district],
  );

  useEffect(() => {
    const mine = ++generation.current;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the spinner starts with the fetch this effect starts; its three triggers (position, district, retry) share it
    setLoading(true);
    setError(null);
    fetchPage(undefined)
      .then((page) => {
        if (mine !== generation.current) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
      })
      .catch((e) => mine === generation.current && setError(userMessage(e)))
      .finally(() => mine === generation.current && setLoading(false));
  }, [fetchPage, refreshTick]);

  const loadMore = async () => {
    if (!nextCursor || loadingMore || loading) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const page = await fetchPage(nextCursor);
      if (mine !== generation.current) return;
      setItems((prev) => [...prev, ...page.items.filter((p) => !prev.some((q) => q.id === p.id))]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      if (mine === generation.current) setError(userMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const nearest = useCallback(async () => {
    const point = await locateWithConsent().catch(() => null);
    setLocateFailed(point === null);
    if (point) setPosition(point);
  }, []);

  return {
    items,
    nextCursor,
    loading,
    loadingMore,
    error,
    districts,
    district,
    position,
    locateFailed,
    nearest,
    chooseDistrict: (d) => setDistrict(d),
    loadMore,
    refresh: () => setRefreshTick((t) => t + 1),
  };
}
