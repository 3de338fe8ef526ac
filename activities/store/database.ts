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
