/**
 * The timeline of one history row (table send_events, migration 4): a transaction's half send,
 * local outcome, END_TRANSACTION, every check and answer; a request's reply. Events come after the
 * row (a check seconds or minutes later), hence their own table; deleting a row deletes them.
 */
import type Database from 'better-sqlite3';
import type { TimelineEvent } from '../common/contract.js';

export class SendEvents {
  private readonly insert: Database.Statement;
  private readonly select: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO send_events (history_id, at, kind, detail) VALUES (?, ?, ?, ?)');
    this.select = db.prepare('SELECT at, kind, detail FROM send_events WHERE history_id = ? ORDER BY id');
  }

  add(historyId: number, e: TimelineEvent): void {
    const { at, kind, ...detail } = e;
    this.insert.run(historyId, at, kind, JSON.stringify(detail));
  }

  list(historyId: number): TimelineEvent[] {
    return (this.select.all(historyId) as { at: number; kind: TimelineEvent['kind']; detail: string }[]).map((r) => ({
      at: r.at,
      kind: r.kind,
      ...(JSON.parse(r.detail) as Omit<TimelineEvent, 'at' | 'kind'>),
    }));
  }
}
