/**
 * `takedown login`: signs in through the API (the embedded provider's password grant) or takes a token
 * from an organisation's provider (`--token`), checks it, and saves the session for the other commands.
 */
import fs from 'node:fs';
import { apiClient, cliConfig, readSession, saveSession } from './api-client';
import { last, parseArgs } from './args';
import { exitCodes, type CliIo } from './io';
import { readAll, runCommand } from './output';

const usage = `usage: takedown login --user NAME [--password-stdin] [--api URL]
       takedown login --token JWT [--api URL]
       takedown logout
  The password is read from stdin (one line). The session is saved (mode 0600) in
  $TAKEDOWN_CONFIG_DIR or ~/.config/takedown; TAKEDOWN_TOKEN overrides it.
`;

export async function runLogin(args: string[], io: CliIo): Promise<number> {
  const { options } = parseArgs(args, ['password-stdin', 'help']);
  if (options.help || (!options.user && !options.token)) {
    (options.help ? io.stdout : io.stderr).write(usage);
    return options.help ? exitCodes.ok : exitCodes.usage;
  }
  return runCommand(io, async () => {
    const apiUrl = last(options, 'api');
    let token = last(options, 'token');
    let expiresIn: number | undefined;
    if (!token) {
      if ((io.stdin as { isTTY?: boolean }).isTTY) io.stderr.write('password: ');
      const password = (await readAll(io.stdin)).split('\n')[0]!.replace(/\r$/, '');
      const issued = await apiClient({ anonymous: true, apiUrl }).request<{ access_token: string; expires_in: number }>('POST', '/identity/token', { grant_type: 'password', username: last(options, 'user'), password });
      token = issued.access_token;
      expiresIn = issued.expires_in;
    }
    // Whoever issued it, the API verifies the token and says who it names.
    const client = apiClient({ token, apiUrl });
    const { actor } = await client.request<{ actor: { id: string; name: string; role: string } }>('GET', '/api/session');
    const { sessionFile } = cliConfig();
    saveSession(sessionFile, { apiUrl: client.apiUrl, token, actor, expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000).toISOString() : undefined });
    io.stdout.write(`signed in as ${actor.name} (${actor.role}) at ${client.apiUrl}\n`);
    return exitCodes.ok;
  });
}

/**
 * `takedown logout`: the API revokes the saved token (`POST /api/session/sign-out`), so a copy of it is refused
 * too, then the session file goes. When the API cannot be reached the file still goes, and the output says the
 * token stays valid until it expires.
 */
export async function runLogout(_args: string[], io: CliIo): Promise<number> {
  const { sessionFile } = cliConfig();
  const session = readSession(sessionFile);
  let unrevoked = '';
  if (session) {
    await apiClient({ token: session.token, apiUrl: session.apiUrl }).request('POST', '/api/session/sign-out').catch((error: Error) => {
      unrevoked = ` here; the API did not revoke the token (${error.message}), which stays valid until it expires`;
    });
  }
  fs.rmSync(sessionFile, { force: true });
  io.stdout.write(`signed out${unrevoked}\n`);
  return exitCodes.ok;
}
