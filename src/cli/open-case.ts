/** `takedown open-case <package.json>`: opens a case from a case package file (the API's POST /api/cases). */
import fs from 'node:fs';
import { apiClient, CliError } from './api-client';
import { parseArgs } from './args';
import { exitCodes, type CliIo } from './io';
import { runCommand } from './output';

const usage = 'usage: takedown open-case <package.json>   (the package as `POST /api/cases` takes it; see /docs)\n';

export async function runOpenCase(args: string[], io: CliIo): Promise<number> {
  const { positional } = parseArgs(args);
  if (positional.length !== 1) { io.stderr.write(usage); return exitCodes.usage; }
  return runCommand(io, async () => {
    let pkg: unknown;
    try {
      pkg = JSON.parse(fs.readFileSync(positional[0]!, 'utf8'));
    } catch (error) {
      throw new CliError(`cannot read ${positional[0]}: ${(error as Error).message}`);
    }
    const opened = await apiClient().request<{ caseId: string; workflowId: string }>('POST', '/api/cases', pkg);
    io.stdout.write(`opened case ${opened.caseId} (workflow ${opened.workflowId})\n`);
    return exitCodes.ok;
  });
}
