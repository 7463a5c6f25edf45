import { useCallback, useEffect, useRef, useState } from 'react';
import { maskApi } from '../../../api/mask-api';
import { userMessage } from '../../../api/error-messages';
import type { PharmacyListItem } from '../../../api/mask-contract';
import type { GeoPoint } from '../../../platform/types';
import { locateIfAgreed } from '../../../store/consent';

/** How long the first page waits for a position before loading without distances. */
export const LOCATION_WAIT_MS = 1500;
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
  chooseDistrict: (district: string | null) => void;
  loadMore: () => Promise<void>;
  refresh: () => void;
}

/**
 * The pharmacy list: nearest first once a position is known (asked once per visit; a refusal
 * or a slow fix just means no distances), filtered by district, paged by cursor.
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
  const [positionSettled, setPositionSettled] = useState(false);
  const [refreshTick, setRefreshTick] = useState(0);
  // Answers to superseded requests (the user switched district meanwhile) are dropped.
  const generation = useRef(0);

  useEffect(() => {
    let active = true;
    const timer = setTimeout(() => active && setPositionSettled(true), LOCATION_WAIT_MS);
    locateIfAgreed().then((point) => {
      if (!active) return;
      if (point) setPosition(point);
      setPositionSettled(true);
    }).catch(() => undefined); // no position is fine: the timer settles without one
    maskApi
      .callMask('stock')
      .then((stock) => active && setDistricts(Array.from(new Set(stock.items.map((i) => i.district))).sort()))
      .catch(() => undefined);
    return () => {
      active = false;
      clearTimeout(timer);
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
    if (!positionSettled) return;
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
  }, [positionSettled, fetchPage, refreshTick]);

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

  return {
    items,
    nextCursor,
    loading,
    loadingMore,
    error,
    districts,
    district,
    position,
    chooseDistrict: (d) => setDistrict(d),
    loadMore,
    refresh: () => setRefreshTick((t) => t + 1),
  };
}
