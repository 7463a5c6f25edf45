import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { familyApi } from '../../api/family-api';
import type { FamilyMember } from '../../api/family-contract';
import { isApiError } from '../../api/api-error';
import { IntentKeys } from '../../api/idempotency-key';
import { pages, withQuery } from '../../constants/pages';
import { platform } from '../../platform/platform';
import { chinaDateOf } from '../../utils/china-time';
import { hallGateway } from '../gateway';
import { bookableDays } from '../lib/bookable-days';
import { bookingMessage } from '../lib/hall-errors';
import type { Hall, Slot, SlotDay } from '../lib/hall-view';
import { loadError, type LoadError } from './use-loaded';

export interface BookingTarget {
  hallId: string;
  serviceId: string;
  /** Set when moving an existing appointment (改约). */
  rescheduleId: string;
}

/**
 * 预约: the days and slots of one service, who it is for, and the booking — or, for a full slot,
 * a place on its waitlist. One Idempotency-Key per intent (slot + person), so a retried tap after
 * a lost answer never books twice.
 */
export function useBooking({ hallId, serviceId, rescheduleId }: BookingTarget) {
  const [hall, setHall] = useState<Hall | null>(null);
  const [days, setDays] = useState<string[]>([]);
  const [date, setDate] = useState<string | null>(null);
  const [day, setDay] = useState<SlotDay | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [family, setFamily] = useState<FamilyMember[]>([]);
  const [personId, setPersonId] = useState<string | null>(null);
  const [error, setError] = useState<LoadError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const keys = useRef(new IntentKeys());
  const busy = useRef(false);

  const loadDay = useCallback(
    async (d: string) => {
      setSlot(null);
      try {
        const res = await hallGateway().slots(hallId, serviceId, d);
        setDay(res);
        return res;
      } catch (e) {
        setError(loadError(e));
        return null;
      }
    },
    [hallId, serviceId],
  );

  useEffect(() => {
    let active = true;
    void (async () => {
      try {
        const [h, first] = await Promise.all([hallGateway().getHall(hallId), hallGateway().slots(hallId, serviceId, chinaDateOf(Date.now()))]);
        if (!active) return;
        setHall(h);
        const list = bookableDays(first.bookableFrom, first.bookableTo, h.hours);
        setDays(list);
        const firstDay = list[0] ?? null;
        setDate(firstDay);
        if (firstDay === first.date) setDay(first);
        else if (firstDay) await loadDay(firstDay);
      } catch (e) {
        if (active) setError(loadError(e));
      }
    })();
    familyApi
      .list()
      .then((res) => active && setFamily(res.items))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [hallId, serviceId, loadDay]);

  const chooseDay = (d: string) => {
    setDate(d);
    setError(null);
    void loadDay(d);
  };

  const submit = async () => {
    if (busy.current || !slot || !hall) return;
    busy.current = true;
    setSubmitting(true);
    setError(null);
    const input = { hallId, serviceId, slot, personId };
    const full = slot.remaining <= 0;
    // A waitlist place is only worth something with the message that a place came free.
    if (full && !rescheduleId) void platform.requestSubscribe(['appointment_offered']).catch(() => undefined);
    try {
      let id: string;
      if (rescheduleId) id = (await hallGateway().reschedule(rescheduleId, slot)).id;
      else if (full) id = (await hallGateway().joinWaitlist(input)).id;
      else id = (await hallGateway().book(input, keys.current.keyFor(`${slot.id}|${personId ?? 'self'}`))).id;
      keys.current.settle();
      await Taro.redirectTo({ url: withQuery(pages.hallAppointments, { highlight: id }) });
    } catch (e) {
      if (isApiError(e) && e.code === 'IDEMPOTENCY_CONFLICT') keys.current.settle();
      setError({ code: isApiError(e) ? e.code : null, message: bookingMessage(e) });
      // A slot that filled meanwhile: show the fresh numbers (it can be waitlisted now).
      if (isApiError(e) && e.code === 'SLOT_FULL' && date) void loadDay(date);
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  };

  const service = hall?.services.find((s) => s.id === serviceId) ?? null;
  return { hall, service, days, date, day, slot, family, personId, error, submitting, chooseDay, chooseSlot: setSlot, choosePerson: setPersonId, submit };
}
