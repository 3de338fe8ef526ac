import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

const migrations = [
  `CREATE TABLE IF NOT EXISTS notices (
     notice_id TEXT PRIMARY KEY,
     workflow_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     message_id TEXT NOT NULL,
     recipients TEXT NOT NULL,
     subject TEXT NOT NULL,
     html TEXT NOT NULL,
     text TEXT NOT NULL,
     attachments TEXT NOT NULL DEFAULT '[]',
     covers TEXT NOT NULL DEFAULT '[]',
     status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     smtp_response TEXT,
     sent_at TEXT,
     updated_at TEXT NOT NULL
   )`,
  // Acknowledgement links used through the API (src/api/ack/used-links.ts): one use per link and kind.
  `CREATE TABLE IF NOT EXISTS ack_links_used (
     token_sha256 TEXT NOT NULL,
     kind TEXT NOT NULL,
     workflow_id TEXT NOT NULL,
     notice_id TEXT NOT NULL,
     used_at TEXT NOT NULL,
     PRIMARY KEY (token_sha256, kind)
   )`,
  // Banner (src/banner, activities/banner): the allow-list of seized hosts, changed only by the banner
  // activities; hits per domain and day; tips from the public (the client address kept only as a keyed hash).
  `CREATE TABLE IF NOT EXISTS banner_domains (
     domain TEXT PRIMARY KEY,
     case_ref TEXT NOT NULL,
     court TEXT NOT NULL,
     docket TEXT,
     mode TEXT NOT NULL DEFAULT 'seizure' CHECK (mode IN ('seizure', 'public-service')),
     added_at TEXT NOT NULL,
     released_at TEXT,
     release_reason TEXT,
     updated_at TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS banner_hits (
     domain TEXT NOT NULL,
     day TEXT NOT NULL,
     hits INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (domain, day)
   )`,
  `CREATE TABLE IF NOT EXISTS banner_tips (
     tip_id INTEGER PRIMARY KEY AUTOINCREMENT,
     domain TEXT NOT NULL,
     case_ref TEXT NOT NULL,
     received_at TEXT NOT NULL,
     message TEXT NOT NULL,
     name TEXT,
     contact TEXT,
     client_hash TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS banner_tips_by_client ON banner_tips (client_hash, received_at)`,
];

/**
 * The SQLite file shared by the worker's activities and the servers (notice ledger, banner allow-list, tips).
 * WAL lets several processes read while one writes; every statement is idempotent so retries are safe.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  for (const sql of migrations) db.exec(sql);
  return db;
}
