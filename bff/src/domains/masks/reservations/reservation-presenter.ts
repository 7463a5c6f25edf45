import type { ReservationStatus } from '../../../infra/db/database';
import type { LotteryApplicationRecord } from '../lottery/lottery-store';
import type { PharmacyService } from '../pharmacies/pharmacy-service';
import type { PharmacyStore } from '../pharmacies/pharmacy-store';
import type { PickupCode } from '../pickup-code/pickup-code';
import type { ShortCodes } from '../pickup-code/short-code';
import type { LotteryApplication, MaskReservation } from '../shared/mask-contract';
import type { PersonDirectory } from '../../identity/person-directory';
import type { ApplicantRefOf } from '../lottery/applicant-ref';

/** The fields every reservation shape (SQL row, hot-path booking) has. */
export interface ReservationFacts {
  id: string;
  roundId: string;
  pharmacyId: string;
  personId: string;
  pickupDate: string;
  quantity: number;
  status: ReservationStatus;
  createdAt: number;
}

/** Turns stored reservations into their API shape: names masked, pharmacy named, code signed. */
export class ReservationPresenter {
  constructor(
    private readonly pharmacies: PharmacyService,
    private readonly pharmacyStore: PharmacyStore,
    private readonly directory: PersonDirectory,
    private readonly codes: PickupCode,
    private readonly shortCodes: ShortCodes,
    /** The pseudonym the published ranking lists the applicant under (shown after the draw). */
    private readonly applicantRef?: ApplicantRefOf,
  ) {}

  async reservation(r: ReservationFacts): Promise<MaskReservation> {
    return this.reservationNamed(r, await this.pharmacyName(r.pharmacyId), await this.directory.maskedName(r.personId));
  }

  /** reservation() for a caller that has both names at hand (a booking: its pharmacy and session). */
  reservationNamed(r: ReservationFacts, pharmacyName: string, personName: string): MaskReservation {
    return {
      id: r.id,
      roundId: r.roundId,
      pharmacyId: r.pharmacyId,
      pharmacyName,
      personId: r.personId,
      personName,
      pickupDate: r.pickupDate,
      quantity: r.quantity,
      status: r.status,
      createdAt: new Date(r.createdAt).toISOString(),
    };
  }

  async application(a: LotteryApplicationRecord): Promise<LotteryApplication> {
    return {
      id: a.id,
      roundId: a.roundId,
      pharmacyId: a.pharmacyId,
      pharmacyName: await this.pharmacyName(a.pharmacyId),
      personId: a.personId,
      personName: await this.directory.maskedName(a.personId),
      status: a.result ?? 'pending',
      // Only one reason exists today: a reservation of another round held at the draw instant.
      ...(a.result === 'ineligible' ? { ineligibleReason: 'HELD_RESERVATION' as const } : {}),
      ...(a.result !== null && a.result !== 'cancelled' && this.applicantRef ? { applicantRef: this.applicantRef(a.roundId, a.personId) } : {}),
      createdAt: new Date(a.createdAt).toISOString(),
    };
  }

  pickupCode(r: Pick<ReservationFacts, 'id' | 'pharmacyId' | 'pickupDate'>): string {
    return this.codes.sign({ reservationId: r.id, pharmacyId: r.pharmacyId, pickupDate: r.pickupDate });
  }

  /** The short 取货码 of a booking the hot path just answered (its sequence number → code). */
  shortCode(r: Pick<ReservationFacts, 'pharmacyId' | 'pickupDate'> & { shortSeq?: number }): string | null {
    return r.shortSeq === undefined ? null : this.shortCodes.codeOf(r.pharmacyId, r.pickupDate, r.shortSeq);
  }

  /** A pharmacy's name ('' when it is gone). */
  async pharmacyName(id: string): Promise<string> {
    const cached = await this.pharmacies.find(id);
    return cached?.name ?? (await this.pharmacyStore.findById(id))?.name ?? '';
  }
}
