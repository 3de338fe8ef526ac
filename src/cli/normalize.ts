/**
 * `takedown normalize <input>... | -`: normalise each input and print one JSON object per line, so
 * the output can be piped into jq or another command; a refusal is printed as a line too, never
 * dropped, and makes the exit status 2.
 */
import { normalizeTarget, type NormalizeResult } from '../../domain/targets';
import { exitCodes, type CliIo } from './io';

const usage = `usage: takedown normalize <input>...
       takedown normalize -        (inputs from stdin, one per line; blank and # lines skipped)
`;

export async function runNormalize(args: string[], io: CliIo): Promise<number> {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    (args.length === 0 ? io.stderr : io.stdout).write(usage);
    return args.length === 0 ? exitCodes.usage : exitCodes.ok;
  }
  let allValid = true;
  for (const arg of args) {
    const inputs = arg === '-' ? await readInputs(io.stdin) : [arg];
    for (const input of inputs) {
      const result = normalizeTarget(input);
      if (!result.ok) allValid = false;
      io.stdout.write(`${JSON.stringify(toLine(result))}\n`);
    }
  }
  return allValid ? exitCodes.ok : exitCodes.invalidInput;
}

/** The printed form: the fields a person or a script needs, in a stable order. */
export function toLine(result: NormalizeResult): Record<string, unknown> {
  if (!result.ok) return { input: result.input, error: result.error };
  const t = result.target;
  switch (t.kind) {
    case 'domain':
      return { input: t.input, kind: t.kind, domain: t.domain, unicode: t.unicode, tld: t.tld, warnings: t.warnings };
    case 'hosted':
      return {
        input: t.input,
        kind: t.kind,
        domain: t.domain,
        unicode: t.unicode,
        hostingSuffix: t.hostingSuffix,
        tld: t.tld,
        warnings: t.warnings,
      };
    case 'profile':
      return {
        input: t.input,
        kind: t.kind,
        platform: t.platform,
        handle: t.handle,
        url: t.url,
        ...(t.permanentId === undefined ? {} : { permanentId: t.permanentId }),
        warnings: t.warnings,
      };
  }
}

/** Lines of stdin, without blank lines and `#` comments (so a list file can carry notes). */
async function readInputs(stdin: NodeJS.ReadableStream): Promise<string[]> {
  let text = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) text += chunk;
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
