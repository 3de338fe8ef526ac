/**
 * What every command shares: the streams it reads and writes and the exit statuses. Its own file so the
 * commands need not import main.ts, which loads them (a command importing main.ts made an import circle).
 */

/** The streams a command reads and writes; the process's own in real use. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export type CommandHandler = (args: string[], io: CliIo) => Promise<number>;

/** Exit statuses shared by all commands. */
export const exitCodes = { ok: 0, invalidInput: 2, usage: 64 } as const;
