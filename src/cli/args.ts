/** Splits `--name value`, `--name=value` and `--flag` from positional arguments; repeated options collect. */
export function parseArgs(args: string[], booleans: readonly string[] = []): { positional: string[]; options: Record<string, string[]> } {
  const positional: string[] = [];
  const options: Record<string, string[]> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    if (!match) { positional.push(arg); continue; }
    const [, name, inline] = match as unknown as [string, string, string | undefined];
    const value = inline ?? (booleans.includes(name) ? 'true' : args[++i]);
    if (value === undefined) throw new Error(`--${name} needs a value`);
    (options[name] ??= []).push(value);
  }
  return { positional, options };
}

export const last = (options: Record<string, string[]>, name: string) => options[name]?.at(-1);
