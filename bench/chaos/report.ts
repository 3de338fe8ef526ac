import fs from 'node:fs';
import path from 'node:path';
import type { ChaosResult } from './run';

/** The figures bench/results/chaos.json keeps: the issue's six first, then the detail behind them. */
export function chaosFigures(result: ChaosResult) {
  const { checks } = result;
  const byFault = new Map<string, { fault: string; times: number; seconds: number; atSeconds: number[]; phases: string[]; met: string[] }>();
  for (const f of result.faults) {
    const entry = byFault.get(f.fault) ?? { fault: f.fault, times: 0, seconds: f.seconds, atSeconds: [], phases: [], met: [] };
    if (f.met) entry.met.push(f.met);
    entry.times++;
    entry.atSeconds.push(f.at);
    if (!entry.phases.includes(f.phase)) entry.phases.push(f.phase);
    byFault.set(f.fault, entry);
  }
  return {
    targets: checks.targets.total,
    faults: [...byFault.values()],
    lostNotices: checks.notices.lost.length,
    duplicateNotices: checks.notices.duplicates.reduce((sum, d) => sum + d.copies - 1, 0),
    lostDecisions: checks.decisions.lost.length,
    failedExecutions: checks.executions.failed.length,
    ok: checks.ok && result.driven.ok,
    /** Nothing lost, doubled or failed, every target ended, though not all of it under faults (the deadline passed, then the run settled). */
    okAfterSettling: checks.ok && !result.driven.ok && result.settled?.ok === true,
    at: new Date().toISOString(),
    seconds: result.seconds,
    driven: result.driven,
    settled: result.settled,
    phases: result.phases,
    targetsTerminal: checks.targets.terminal,
    targetsByStage: checks.targets.byStage,
    notTerminal: checks.targets.notTerminal.slice(0, 20),
    caseDisagrees: { count: checks.targets.caseDisagrees.length, first: checks.targets.caseDisagrees.slice(0, 20) },
    notices: { recorded: checks.notices.recorded, sinkMessages: checks.notices.sinkMessages, refusedRecipients: checks.notices.refusedRecipients, lost: checks.notices.lost.slice(0, 20), duplicates: checks.notices.duplicates.slice(0, 20), unrecorded: checks.notices.unrecorded.slice(0, 20) },
    doubledDecisions: checks.decisions.doubled.length,
    decisions: { made: checks.decisions.made, inTimeline: checks.decisions.inTimeline, lost: checks.decisions.lost.slice(0, 20), doubled: checks.decisions.doubled.slice(0, 20) },
    executions: checks.executions,
    worker: result.worker,
    serverRestarts: result.serverRestarts,
    requestsRetriedAfter503: result.retriedRequests.length,
    settings: { ...result.settings, workerKills: Number.isFinite(result.settings.workerKills) ? result.settings.workerKills : 'unlimited' },
  };
}
export type ChaosFigures = ReturnType<typeof chaosFigures>;

/** Two tables for a person: the faults injected, and what survived them. */
export function chaosTable(figures: ChaosFigures): string {
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  const faults = figures.faults.map((f) => `  ${pad(f.fault, 32)}${pad(f.times, 6)}${pad(f.seconds ? `${f.seconds} s` : '-', 8)}${pad(f.atSeconds.slice(0, 5).join(', ') + (f.atSeconds.length > 5 ? ', …' : ''), 30)}${pad(f.met.join(', ') || '-', 26)}${f.phases.slice(0, 3).join('; ')}${f.phases.length > 3 ? '; …' : ''}`);
  const line = (what: string, value: string, good: boolean) => `  ${good ? 'ok  ' : 'FAIL'} ${pad(what, 44)}${value}`;
  return [
    `Faults injected (${figures.seconds} s run)`,
    `  ${pad('fault', 32)}${pad('times', 6)}${pad('for', 8)}${pad('at (s into the run)', 30)}${pad('met', 26)}during (phase)`,
    ...faults,
    '',
    'What survived',
    line('cases driven to the end under faults', figures.driven.ok ? 'yes' : `no: ${figures.driven.error}`, figures.driven.ok),
    ...(figures.settled ? [line('… then, faults over, to the end', figures.settled.ok ? `yes, in ${figures.settled.seconds} s` : `no: ${figures.settled.error}`, figures.settled.ok)] : []),
    line('targets in a terminal state', `${figures.targetsTerminal}/${figures.targets} ${JSON.stringify(figures.targetsByStage)}`, figures.targetsTerminal === figures.targets),
    line("the cases' record agrees with the targets'", `${figures.caseDisagrees.count} disagree${figures.caseDisagrees.first[0] ? `, e.g. ${JSON.stringify(figures.caseDisagrees.first[0])}` : ''}`, figures.caseDisagrees.count === 0),
    line('notices in the sink exactly once', `${figures.notices.recorded - figures.lostNotices}/${figures.notices.recorded} (lost ${figures.lostNotices}, duplicate copies ${figures.duplicateNotices})`, figures.lostNotices === 0 && figures.duplicateNotices === 0),
    line('human decisions in the timeline, once', `${figures.decisions.inTimeline}/${figures.decisions.made} (lost ${figures.lostDecisions}, recorded twice ${figures.doubledDecisions})`, figures.lostDecisions === 0 && figures.doubledDecisions === 0),
    line('executions Failed', `${figures.failedExecutions} (timed out ${figures.executions.timedOut}, terminated ${figures.executions.terminated})`, figures.failedExecutions === 0),
    `  worker: ${figures.worker.starts} starts (median ${figures.worker.medianStartSeconds ?? '?'} s from spawn to polling), ${figures.worker.kills} SIGKILLs, ${figures.worker.unplannedExits} other exits; server restarts ${figures.serverRestarts}; requests sent again after a 503: ${figures.requestsRetriedAfter503}`,
  ].join('\n');
}

export function writeChaosResult(figures: ChaosFigures, file = path.join(__dirname, '..', 'results', 'chaos.json')): string {
  fs.writeFileSync(file, JSON.stringify(figures, null, 2) + '\n');
  return file;
}
