import type { CliIo } from './io';
import { CliError } from './api-client';

/** Fixed-width columns for people; `--json` gives the API's own JSON for scripts. */
export function printTable(io: CliIo, headers: string[], rows: (string | number | undefined)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === undefined ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  for (const row of cells) io.stdout.write(`${row.map((c, i) => (i === row.length - 1 ? c : (c ?? '').padEnd(widths[i]!))).join('  ')}\n`);
}

export const printJson = (io: CliIo, value: unknown) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** Runs a command body; an API refusal is printed with its code and fields, and exits 1. */
export async function runCommand(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`takedown: ${error.code ? `${error.code}: ` : ''}${error.message}\n`);
      for (const [field, messages] of Object.entries(error.fields ?? {})) io.stderr.write(`  ${field}: ${messages.join('; ')}\n`);
      return 1;
    }
    if (error instanceof Error && /needs a value/.test(error.message)) {
      io.stderr.write(`takedown: ${error.message}\n`);
      return 64;
    }
    throw error;
  }
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}
