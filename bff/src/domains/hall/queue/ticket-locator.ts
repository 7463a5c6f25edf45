import { AppError } from '../../../core/app-error';
import type { SqlTicketStore } from './sql-ticket-store';

/**
 * ticket id → its hall and day (where its hot-store keys are). Immutable, so cached for the
 * process' life once read from hall_tickets (or learnt when this process made the ticket).
 */
export class TicketLocator {
  private readonly known = new Map<string, { hallId: string; day: string }>();

  constructor(private readonly sink: SqlTicketStore) {}

  learn(ticketId: string, hallId: string, day: string): void {
    if (this.known.size > 200_000) this.known.clear();
    this.known.set(ticketId, { hallId, day });
  }

  async locate(ticketId: string): Promise<{ hallId: string; day: string }> {
    const hit = this.known.get(ticketId);
    if (hit) return hit;
    const row = await this.sink.find(ticketId);
    if (!row) throw new AppError(404, 'TICKET_NOT_FOUND', 'No such ticket');
    this.learn(ticketId, row.hallId, row.day);
    return { hallId: row.hallId, day: row.day };
  }
}
