/**
 * Numbered schema migrations. `PRAGMA user_version` holds the number of the last one applied; each
 * runs in its own transaction, so a failure leaves the database at the previous version, untouched.
 * Never edit a released migration: add the next number.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'profiles, templates, sends and attempts',
    up(db) {
      db.exec(`
        CREATE TABLE profiles (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          data TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE templates (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          folder TEXT NOT NULL DEFAULT '',
          tags TEXT NOT NULL DEFAULT '[]',
          description TEXT NOT NULL DEFAULT '',
          request TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE sends (
          id INTEGER PRIMARY KEY,
          created_at INTEGER NOT NULL,
          profile_id TEXT NOT NULL,
          profile_name TEXT NOT NULL,
          topic TEXT NOT NULL,
          tags TEXT,
          keys TEXT,
          mode TEXT NOT NULL,
          message_count INTEGER NOT NULL,
          status TEXT NOT NULL,
          send_status TEXT,
          msg_id TEXT,
          offset_msg_id TEXT,
          broker_name TEXT,
          queue_id INTEGER,
          queue_offset TEXT,
          latency_ms INTEGER NOT NULL,
          attempt_count INTEGER NOT NULL,
          error_name TEXT,
          error_code INTEGER,
          error_message TEXT,
          origin TEXT NOT NULL,
          replay_of INTEGER,
          run_id TEXT,
          row_line INTEGER,
          template_id TEXT,
          body_text TEXT NOT NULL DEFAULT '',
          request TEXT NOT NULL,
          result TEXT,
          error TEXT
        );
        CREATE INDEX sends_created ON sends (created_at);
        CREATE INDEX sends_topic ON sends (topic, id);
        CREATE INDEX sends_profile ON sends (profile_id, id);
        CREATE INDEX sends_status ON sends (status, id);
        CREATE INDEX sends_replay_of ON sends (replay_of) WHERE replay_of IS NOT NULL;
        CREATE INDEX sends_run ON sends (run_id) WHERE run_id IS NOT NULL;
        CREATE TABLE attempts (
          send_id INTEGER NOT NULL REFERENCES sends (id) ON DELETE CASCADE,
          attempt INTEGER NOT NULL,
          broker_name TEXT NOT NULL,
          addr TEXT NOT NULL,
          queue_id INTEGER NOT NULL,
          latency_ms INTEGER NOT NULL,
          ok INTEGER NOT NULL,
          response_code INTEGER,
          error TEXT,
          PRIMARY KEY (send_id, attempt)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 2,
    name: 'full-text search over keys, tags, msgId and body; settings',
    up(db) {
      // Words and word prefixes ("order-12" finds "order-123"). A trigram index would also find
      // substrings inside words but made each insert ~3× slower, which bulk sends cannot afford.
      db.exec(`
        CREATE VIRTUAL TABLE sends_fts USING fts5(
          keys, tags, msg_id, body_text,
          content='sends', content_rowid='id', tokenize='unicode61'
        );
        CREATE TRIGGER sends_fts_ai AFTER INSERT ON sends BEGIN
          INSERT INTO sends_fts (rowid, keys, tags, msg_id, body_text) VALUES (new.id, new.keys, new.tags, new.msg_id, new.body_text);
        END;
        CREATE TRIGGER sends_fts_ad AFTER DELETE ON sends BEGIN
          INSERT INTO sends_fts (sends_fts, rowid, keys, tags, msg_id, body_text) VALUES ('delete', old.id, old.keys, old.tags, old.msg_id, old.body_text);
        END;
        INSERT INTO sends_fts (sends_fts) VALUES ('rebuild');
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      `);
    },
  },
  {
    version: 3,
    name: 'property values in the search index; origin_id links an edited replay to its origin',
    up(db) {
      // An external-content FTS5 table cannot gain a column: drop it and its triggers, build it
      // again over the new column, then rebuild from the rows (backfilled from the stored request).
      db.exec(`
        ALTER TABLE sends ADD COLUMN props_text TEXT NOT NULL DEFAULT '';
        ALTER TABLE sends ADD COLUMN origin_id INTEGER;
        UPDATE sends SET props_text = coalesce((SELECT group_concat(value, ' ') FROM json_each(json_extract(request, '$.messages[0].properties'))), '')
          WHERE json_valid(request);
        CREATE INDEX sends_origin ON sends (origin_id) WHERE origin_id IS NOT NULL;
        DROP TRIGGER sends_fts_ai;
        DROP TRIGGER sends_fts_ad;
        DROP TABLE sends_fts;
        CREATE VIRTUAL TABLE sends_fts USING fts5(
          keys, tags, msg_id, body_text, props_text,
          content='sends', content_rowid='id', tokenize='unicode61'
        );
        CREATE TRIGGER sends_fts_ai AFTER INSERT ON sends BEGIN
          INSERT INTO sends_fts (rowid, keys, tags, msg_id, body_text, props_text) VALUES (new.id, new.keys, new.tags, new.msg_id, new.body_text, new.props_text);
        END;
        CREATE TRIGGER sends_fts_ad AFTER DELETE ON sends BEGIN
          INSERT INTO sends_fts (sends_fts, rowid, keys, tags, msg_id, body_text, props_text) VALUES ('delete', old.id, old.keys, old.tags, old.msg_id, old.body_text, old.props_text);
        END;
        INSERT INTO sends_fts (sends_fts) VALUES ('rebuild');
      `);
    },
  },
  {
    version: 4,
    name: 'send_events: the timeline of a transaction (half send, END_TRANSACTION, checks, answers) or a request (its reply)',
    up(db) {
      // Events arrive after the row (a check seconds or minutes later), so they get their own table;
      // deleting or pruning a row deletes its events.
      db.exec(`
        CREATE TABLE send_events (
          id INTEGER PRIMARY KEY,
          history_id INTEGER NOT NULL,
          at INTEGER NOT NULL,
          kind TEXT NOT NULL,
          detail TEXT NOT NULL
        );
        CREATE INDEX send_events_history ON send_events (history_id, id);
        CREATE TRIGGER sends_events_ad AFTER DELETE ON sends BEGIN
          DELETE FROM send_events WHERE history_id = old.id;
        END;
      `);
    },
  },
  {
    version: 5,
    name: 'trace_topic: the message-trace topic a send was traced to (NULL: not traced)',
    up(db) {
      // One nullable column: rows written before tracing existed read back as not traced.
      db.exec(`ALTER TABLE sends ADD COLUMN trace_topic TEXT;`);
    },
  },
  {
    version: 6,
    name: 'the search index is filled in chunks after the rows (no per-row trigger); (topic, created_at) index',
    up(db) {
      // Indexing each 500-row transaction by trigger cost ~46 µs per row, the same rows indexed
      // 10,000 at a time ~8 µs (bench/history-variants.ts): HistoryStore now fills sends_fts up to
      // its own watermark, kept here in the same transactions as the index rows, so index and
      // watermark always agree. Every row present now is already indexed. The delete trigger only
      // removes rows the index holds (a 'delete' of an unindexed row would corrupt it).
      // (topic, created_at): a topic + time-range search far back in the table reads only the
      // range instead of walking every newer row of the topic.
      db.exec(`
        DROP TRIGGER sends_fts_ai;
        DROP TRIGGER sends_fts_ad;
        CREATE TABLE sends_fts_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_upto INTEGER NOT NULL);
        INSERT INTO sends_fts_state (id, indexed_upto) VALUES (1, coalesce((SELECT max(id) FROM sends), 0));
        CREATE TRIGGER sends_fts_ad AFTER DELETE ON sends WHEN old.id <= (SELECT indexed_upto FROM sends_fts_state WHERE id = 1) BEGIN
          INSERT INTO sends_fts (sends_fts, rowid, keys, tags, msg_id, body_text, props_text) VALUES ('delete', old.id, old.keys, old.tags, old.msg_id, old.body_text, old.props_text);
        END;
        CREATE INDEX sends_topic_created ON sends (topic, created_at);
      `);
    },
  },
  {
    version: 7,
    name: 'the search index moves to its own file (search-indexer.ts); attempts kept in the row',
    up(db) {
      // The index is rebuilt in the search file from the rows (in the background after the first
      // start), so it can be written by a worker thread in parallel with the rows. A new send keeps
      // its attempts in attempts_json (one b-tree insert per send instead of 1 + attempts); rows
      // written before keep theirs in `attempts`, which get() still reads.
      db.exec(`
        DROP TRIGGER IF EXISTS sends_fts_ad;
        DROP TABLE IF EXISTS sends_fts;
        DROP TABLE IF EXISTS sends_fts_state;
        ALTER TABLE sends ADD COLUMN attempts_json TEXT;
      `);
    },
  },
  {
    version: 8,
    name: "the filters' indexes move to the search file (sends_filters, written by the index worker)",
    up(db) {
      // Writing a row is now one append to the table: the five indexes the History filters need
      // (and the run index) cost ~7 µs a row on the host thread (bench/history-floor.ts). The
      // search file indexes the same columns behind the rows (search-indexer.ts); queries read
      // the rows above its watermark directly (queries.ts).
      db.exec(`
        DROP INDEX IF EXISTS sends_created;
        DROP INDEX IF EXISTS sends_topic;
        DROP INDEX IF EXISTS sends_profile;
        DROP INDEX IF EXISTS sends_status;
        DROP INDEX IF EXISTS sends_topic_created;
        DROP INDEX IF EXISTS sends_run;
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export class NewerDatabaseError extends Error {
  override readonly name = 'NewerDatabaseError';
}

/** Applies the migrations above `user_version`, each in a transaction. Returns the versions applied. */
export function migrate(db: Database.Database, upTo: number = SCHEMA_VERSION): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new NewerDatabaseError(
      `the history database is at schema version ${current}, newer than this app (${SCHEMA_VERSION}); it was left untouched. Use a newer workbench or another data directory.`,
    );
  }
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
