import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { familyApi } from '../../../api/family-api';
import { maskApi } from '../../../api/mask-api';
import { isApiError, type ApiErrorCode } from '../../../api/api-error';
import { userMessage } from '../../../api/error-messages';
import { IntentKeys } from '../../../api/idempotency-key';
import type { FamilyMember } from '../../../api/family-contract';
import { pages, withQuery } from '../../../constants/pages';
import { bookingErrorMessage } from '../../lib/booking-errors';
import { rememberBooking } from '../../lib/recent-bookings';

export interface BookingError {
  code: ApiErrorCode | null;
  message: string;
}

function failure(error: unknown, who: string | null): BookingError {
  return { code: isApiError(error) ? error.code : null, message: bookingErrorMessage(error, who) };
}

/** Whether the BFF is still deciding an earlier request under this key (then retry the same key). */
function stillInProgress(error: unknown): boolean {
  const details = isApiError(error) ? error.rawDetails : undefined;
  return Boolean(details && typeof details === 'object' && (details as { inProgress?: unknown }).inProgress);
}

/** A failure after which the booking may have been made all the same (the answer was lost). */
function outcomeUnknown(error: unknown): boolean {
  return !isApiError(error) || error.status === 0 || error.status >= 500;
}

/** Refusals that, after a lost answer, may mean the lost attempt took the unit or the hold itself. */
function mayBeOurOwnBooking(error: unknown): boolean {
  return isApiError(error) && (error.code === 'SOLD_OUT' || error.code === 'ALREADY_RESERVED');
}

/** The reserved booking of this person at this pharmacy, if the server has one. */
async function findOwnBooking(pharmacyId: string, personId: string | null): Promise<string | null> {
  try {
    const mine = await maskApi.callMask('myReservations');
    const hit = mine.items.find((r) => r.pharmacyId === pharmacyId && r.status === 'reserved' && (personId === null || r.personId === personId));
    return hit?.id ?? null;
  } catch {
    return null;
  }
}

/**
 * 预约确认: who the masks are for (本人 or a family member) and the booking itself. Each intent
 * (pharmacy + person) has one Idempotency-Key, reused when the same booking is tapped again after
 * a lost answer, so a retry can never book twice.
 */
export function useBooking(pharmacyId: string) {
  const [family, setFamily] = useState<FamilyMember[]>([]);
  const [familyLoaded, setFamilyLoaded] = useState(false);
  const [personId, setPersonId] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<BookingError | null>(null);
  const keys = useRef(new IntentKeys());
  const busy = useRef(false);
  // Set when an attempt's answer was lost: the server may have booked it (see the catch below).
  const uncertain = useRef(false);

  const loadFamily = useCallback(async () => {
    try {
      const res = await familyApi.list();
      setFamily(res.items);
      setPersonId((chosen) => (chosen && !res.items.some((m) => m.personId === chosen) ? null : chosen));
      setError((e) => (e?.code === 'IDENTITY_REQUIRED' ? null : e));
    } catch (e) {
      // Without family members one can still book for oneself; only 实名 is worth saying here.
      if (isApiError(e) && e.code === 'IDENTITY_REQUIRED') setError({ code: e.code, message: userMessage(e) });
    } finally {
      setFamilyLoaded(true);
    }
  }, []);

  const choose = (id: string | null) => {
    setPersonId(id);
    setError((e) => (e?.code === 'IDENTITY_REQUIRED' ? e : null));
  };

  const submit = async () => {
    if (busy.current || !pharmacyId) return;
    busy.current = true;
    const member = family.find((m) => m.personId === personId) ?? null;
    const key = keys.current.keyFor(`${pharmacyId}|${member?.personId ?? 'self'}`);
    setSubmitting(true);
    setError(null);
    try {
      const res = await maskApi.callMask('bookMasks', {
        body: { pharmacyId, personId: member?.personId },
        // After a lost answer, say this is a retry: the BFF then answers from the hot path, which
        // replays the lost booking, instead of from its sold-out cache.
        headers: { 'idempotency-key': key, 'x-retry-attempt': uncertain.current ? '2' : undefined },
      });
      keys.current.settle();
      const id = rememberBooking(res);
      await Taro.redirectTo({ url: withQuery(pages.maskReservations, { highlight: id }) });
    } catch (e) {
      // A key the server tied to another request is spent; anything else keeps it for the retry.
      if (isApiError(e) && e.code === 'IDEMPOTENCY_CONFLICT' && !stillInProgress(e)) keys.current.settle();
      // Older BFFs answered a retry from their sold-out cache before the replay: if an earlier
      // answer was lost, look whether that attempt booked, and show it instead of the refusal.
      const own = uncertain.current && mayBeOurOwnBooking(e) ? await findOwnBooking(pharmacyId, member?.personId ?? null) : null;
      if (own) {
        keys.current.settle();
        uncertain.current = false;
        await Taro.redirectTo({ url: withQuery(pages.maskReservations, { highlight: own }) });
        return;
      }
      if (outcomeUnknown(e)) uncertain.current = true;
      setError(failure(e, member?.name ?? null));
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  };

  return { family, familyLoaded, personId, choose, submitting, error, submit, loadFamily };
}
