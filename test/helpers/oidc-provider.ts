import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface TestOidcProviderOptions {
  clientId: string;
  /** A confidential client (client_secret_basic); a public client with PKCE when absent. */
  clientSecret?: string;
  redirectUri: string;
  audience: string;
  roleClaim: string;
  /** The scope a client asks for to get an access token for our audience. */
  apiScope: string;
  users: { username: string; name: string; role: string }[];
}

export interface TestOidcProvider {
  issuer: string;
  close(): Promise<void>;
}

/** Starts the organisation's provider (test/helpers/oidc-provider-server.mjs) in its own process. */
export async function startOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider-server.mjs'), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const issuer = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) => reject(new Error(`the OIDC provider exited (${code}): ${stderr}`)));
  });
  return {
    issuer,
    close: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
