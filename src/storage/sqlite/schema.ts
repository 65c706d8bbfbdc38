import Database from 'better-sqlite3';

/**
 * The kine-style log: one row per write. `id` is the global revision. A create has created=1 and
 * prev_revision=0; an update points prev_revision at the row it replaced; a delete is a tombstone row (deleted=1)
 * that carries a copy of the deleted value and points prev_revision at it. The latest row of a name is its state.
 * `meta` holds the compacted revision (key 'compact_rev').
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS log_name_id ON log (name, id);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL);
`;

export interface LogRow {
  id: number;
  name: string;
  created: number;
  deleted: number;
  create_revision: number;
  prev_revision: number;
  value: string;
}

/** A log row joined with the row its prev_revision points at (null for creates or compacted history). */
export interface EventRow extends LogRow {
  prev_value: string | null;
  prev_create_revision: number | null;
}

/** Opens (creating if needed) the database; WAL + synchronous=FULL make every committed write survive kill -9. */
export function openDatabase(path: string): Database.Database {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

const LATEST_IDS = (bounded: boolean): string =>
  `SELECT MAX(id) AS id FROM log WHERE name >= @lo ${bounded ? 'AND name < @hi' : ''} AND id <= @rev GROUP BY name`;

const listSql = (bounded: boolean): string =>
  `SELECT l.* FROM log l JOIN (${LATEST_IDS(bounded)}) m ON l.id = m.id WHERE l.deleted = 0 ORDER BY l.name LIMIT @limit`;

const countSql = (bounded: boolean): string =>
  `SELECT COUNT(*) AS n FROM log l JOIN (${LATEST_IDS(bounded)}) m ON l.id = m.id WHERE l.deleted = 0`;

const eventsSql = (bounded: boolean): string =>
  `SELECT l.*, p.value AS prev_value, p.create_revision AS prev_create_revision
   FROM log l LEFT JOIN log p ON p.id = l.prev_revision
   WHERE l.id > @after AND l.name >= @lo ${bounded ? 'AND l.name < @hi' : ''} ORDER BY l.id LIMIT @limit`;

/** Every statement the store runs, prepared once. Range statements come in bounded/unbounded (prefix '') pairs. */
export class Statements {
  readonly latest: Database.Statement<[string], LogRow>;
  readonly latestAt: Database.Statement<[string, number], LogRow>;
  readonly insert: Database.Statement<[number, string, number, number, number, number, string]>;
  readonly list: Record<'bounded' | 'unbounded', Database.Statement<[Record<string, unknown>], LogRow>>;
  readonly count: Record<'bounded' | 'unbounded', Database.Statement<[Record<string, unknown>], { n: number }>>;
  readonly events: Record<'bounded' | 'unbounded', Database.Statement<[Record<string, unknown>], EventRow>>;
  readonly sequence: Database.Statement<[], { seq: number }>;
  readonly getMeta: Database.Statement<[string], { v: number }>;
  readonly setMeta: Database.Statement<[string, number]>;
  /** Deletes, within [lo, hi), rows superseded at revision `c` and tombstones below `c`. */
  readonly compactRange: Database.Statement<[{ lo: number; hi: number; c: number }]>;

  constructor(db: Database.Database) {
    this.latest = db.prepare('SELECT * FROM log WHERE name = ? ORDER BY id DESC LIMIT 1');
    this.latestAt = db.prepare('SELECT * FROM log WHERE name = ? AND id <= ? ORDER BY id DESC LIMIT 1');
    this.insert = db.prepare(
      'INSERT INTO log (id, name, created, deleted, create_revision, prev_revision, value) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.list = { bounded: db.prepare(listSql(true)), unbounded: db.prepare(listSql(false)) };
    this.count = { bounded: db.prepare(countSql(true)), unbounded: db.prepare(countSql(false)) };
    this.events = { bounded: db.prepare(eventsSql(true)), unbounded: db.prepare(eventsSql(false)) };
    this.sequence = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'log'");
    this.getMeta = db.prepare('SELECT v FROM meta WHERE k = ?');
    this.setMeta = db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v');
    this.compactRange = db.prepare(
      `DELETE FROM log WHERE id >= @lo AND id < @hi AND id < @c AND (deleted = 1 OR id <
         (SELECT MAX(n.id) FROM log n WHERE n.name = log.name AND n.id <= @c))`,
    );
  }
}
