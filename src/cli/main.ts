/**
 * The `takedown` command line. Subcommands live in a table of name → handler; each handler gets its
 * arguments and the process's streams and resolves to an exit status, so tests can run it in-process
 * and other commands (lookup, refresh-bootstrap, API commands) plug in with one line each.
 */
import { exitCodes, type CliIo, type CommandHandler } from './io';

// Each command loads its module when it runs, so `takedown normalize` does not load what other
// commands need (the Temporal client, the API server).
// `require`, not `import()`: tsx's CommonJS hook (bin/takedown.js) does not compile dynamic imports.
export const commands: Record<string, CommandHandler> = {
  normalize: (args, io) => (require('./normalize') as typeof import('./normalize')).runNormalize(args, io),
  lookup: (args, io) => (require('./lookup') as typeof import('./lookup')).runLookup(args, io),
  'refresh-bootstrap': (args, io) => (require('./refresh-bootstrap') as typeof import('./refresh-bootstrap')).runRefreshBootstrap(args, io),
  // Commands that work through the API (never Temporal directly), as the signed-in person.
  login: (args, io) => (require('./login') as typeof import('./login')).runLogin(args, io),
  logout: (args, io) => (require('./login') as typeof import('./login')).runLogout(args, io),
  'open-case': (args, io) => (require('./open-case') as typeof import('./open-case')).runOpenCase(args, io),
  operation: (args, io) => (require('./operation') as typeof import('./operation')).runOperation(args, io),
  'add-targets': (args, io) => (require('./add-targets') as typeof import('./add-targets')).runAddTargets(args, io),
  submit: (args, io) => (require('./submit') as typeof import('./submit')).runSubmit(args, io),
  status: (args, io) => (require('./status') as typeof import('./status')).runStatus(args, io),
  list: (args, io) => (require('./list') as typeof import('./list')).runList(args, io),
  decide: (args, io) => (require('./decide') as typeof import('./decide')).runDecide(args, io),
  'record-warrant': (args, io) => (require('./record-warrant') as typeof import('./record-warrant')).runRecordWarrant(args, io),
  report: (args, io) => (require('./report') as typeof import('./report')).runReport(args, io),
  custody: (args, io) => (require('./custody') as typeof import('./custody')).runCustody(args, io),
  tasks: (args, io) => (require('./tasks') as typeof import('./tasks')).runTasks(args, io),
  'record-registration': (args, io) => (require('./record-registration') as typeof import('./record-registration')).runRecordRegistration(args, io),
  'record-portal-submission': (args, io) => (require('./portal-tasks') as typeof import('./portal-tasks')).runRecordPortalSubmission(args, io),
  'extend-preservation': (args, io) => (require('./portal-tasks') as typeof import('./portal-tasks')).runExtendPreservation(args, io),
  leads: (args, io) => (require('./leads') as typeof import('./leads')).runLeads(args, io),
};

export const usage = `usage: takedown <command> [arguments]

commands:
  normalize <input>... | -   normalise domains, links and profile links; prints one JSON object per
                             line; "-" reads inputs from stdin, one per line (blank and # lines skipped)

  lookup <domain> [--json]     registration record: registry, registrar (name, IANA ID, abuse contact),
                             name servers, statuses, dates; RDAP first, WHOIS where there is no RDAP
  refresh-bootstrap [--from URL|FILE] [--out FILE]
                             refresh the vendored IANA RDAP bootstrap (dns.json)

through the API (TAKEDOWN_API_URL, default http://127.0.0.1:8080; the token from \`login\` or TAKEDOWN_TOKEN):
  login --user NAME [--password-stdin] | --token JWT    sign in; the session is saved for the commands below
  logout                       forget the saved session
  open-case <package.json>     open a case from a case package
  operation start <operation.json> [--rows FILE|-] | operation show <id> [--json]
                             a sweep split into cases: every row answered (case, refused, repeat)
  add-targets <case> <file.csv|file.json|->
                             add targets; one line per row: started, refused (with why) or duplicate
  submit <case>                send the case package to counsel (a new review round)
  status <case|target> [--json]
                             a case's stage, targets and timeline, or one target's full record
  list [--stage S] [--case C] [--operation O] [--registrar R] [--registry R] [--tld T] [--platform P]
       [--deadline D] [--kind K] [--limit N] [--json]
                             targets across cases, filtered
  decide <case> approve [--exclude T=REASON]... | reject --reason R | request-changes --changes C
                             counsel's decision on the open review round
  record-warrant <case> <warrant.json>
                             record the seizure warrant
  tasks [--case ID] [--json]   the open tasks your role does (manual lookups, portal submissions,
                             preservation extensions), soonest deadline first
  record-registration <domain> --registry R --registrar R --abuse-email E --nameserver NS...
       --found-at WHERE [--iana-id N] [--abuse-phone P] [--status S]... [--expires D] | --from FILE
                             the manual-lookup task: the registration found by hand
  record-portal-submission <profile> --reference REF [--kind takedown|preservation] [--submitted-at T]
                             the portal task: record the request made in the platform's portal
  extend-preservation <profile> [--reference REF --submitted-at T]
                             extend a preservation once (the portal's reference where made there)
  report [--format csv|json] [--out FILE] [list filters]
                             export targets with stage, parties and deadlines
  custody list [--stage S] [--case ID] [--deadline D] [--json]
                             seized domains in custody (SEIZED) and ended custody (FORFEITED, RELEASED)
  custody show <domain> [--json]
                             state, expiry, banner, last check, clocks, forfeiture facts, alerts, notices
  custody record <domain> <fact> --field value ...
                             record personal-notice, publication, claim, complaint, extension,
                             forfeiture-order or release (\`takedown custody help\` lists each one's options)
  custody reverify <domain>    re-verify the seizure now
  leads list|show|submit|triage|open-case|add-to-case|close ...
                             leads: submit (a lead, --xarf report, --csv file), triage, a case from a lead,
                             close (\`takedown leads help\` lists each one's arguments)

exit status: 0 success, 1 lookup failed or the API refused, 2 some input refused, 64 usage error
`;

export async function main(argv: string[], io: CliIo = process): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(usage);
    return exitCodes.ok;
  }
  const handler = name === undefined ? undefined : commands[name];
  if (!handler) {
    io.stderr.write(name === undefined ? usage : `takedown: unknown command "${name}"\n\n${usage}`);
    return exitCodes.usage;
  }
  return handler(args, io);
}

// `npx tsx src/cli/main.ts ...` runs it directly; bin/takedown.js calls main() itself.
if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`takedown: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
