import { randomUUID } from 'node:crypto';
import { parseVenueScan, type CheckinPerson, type CheckinRequest, type CheckinResponse, type HealthColour } from '@govpass/shared-types';
import { invalidVenueCode } from '../poster/poster-codes';
import type { VenueService } from '../venue-service';
import type { VenueHealthPort, VenuePersonDirectory } from '../venues-ports';
import type { CheckinLedger } from './checkin-ledger';

/** What the guard reads under a red or yellow block, for a grandmother at the door. */
export const COLOUR_ADVICE: Readonly<Record<HealthColour, string | null>> = {
  green: null,
  yellow: '黄码：请暂不进入，按提示尽快做核酸检测，结果阴性后转绿。',
  red: '红码：请勿进入，请原地等候，工作人员会联系社区和疾控人员。',
};

export interface Caller {
  accountId: string;
  /** The session's own person and masked name, when it knows them (saves a look-up). */
  self?: { personId: string; maskedName: string };
}

/**
 * Check-in (扫码登记) for the caller and family members: the poster code is verified once per code
 * (cached), each person is decided and made durable by the ledger (dedupe, daily cap), and the
 * answer carries what the guard needs: venue, colour, masked name, time.
 */
export class CheckinService {
  constructor(
    private readonly venues: VenueService,
    private readonly ledger: CheckinLedger,
    private readonly directory: VenuePersonDirectory,
    private readonly health: VenueHealthPort,
    private readonly now: () => number,
  ) {}

  async checkIn(caller: Caller, req: CheckinRequest): Promise<CheckinResponse> {
    const scan = parseVenueScan(req.venueCode);
    if (!scan) throw invalidVenueCode();
    const venue = await this.venues.venueOfCode(scan.venueCode);
    const personIds = await this.subjects(caller, req.personIds);
    const at = this.now();
    const items = await Promise.all(personIds.map((personId) => this.one(caller, venue.id, personId, at)));
    return { venue: { id: venue.id, name: venue.name, address: venue.address }, serverTime: new Date(at).toISOString(), items };
  }

  private async subjects(caller: Caller, requested: readonly string[] | undefined): Promise<string[]> {
    if (!requested || requested.length === 0) return [caller.self?.personId ?? (await this.directory.requirePersonOf(caller.accountId))];
    const unique = [...new Set(requested)];
    return Promise.all(unique.map((id) => (caller.self?.personId === id ? Promise.resolve(id) : this.directory.resolveSubject(caller.accountId, id))));
  }

  private async one(caller: Caller, venueId: string, personId: string, at: number): Promise<CheckinPerson> {
    const [outcome, status, maskedName] = await Promise.all([
      this.ledger.checkIn({ id: randomUUID(), venueId, personId, accountId: caller.accountId, at }),
      this.health.statusOf(personId),
      caller.self?.personId === personId ? caller.self.maskedName : this.directory.maskedIdentity(personId).then((i) => i.name),
    ]);
    return {
      checkinId: outcome.id,
      personId,
      maskedName,
      colour: status.colour,
      reasons: status.reasons,
      checkedInAt: new Date(outcome.at).toISOString(),
      duplicate: outcome.duplicate,
      advice: COLOUR_ADVICE[status.colour],
    };
  }
}
