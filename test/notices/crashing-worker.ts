/**
 * A worker process for the crash test (delivery-crash.test.ts): it runs the real notice activities, but
 * its ledger write after the SMTP server's acceptance hangs (as a process stuck or dying at that instant
 * would), after telling the test "accepted" on stdout. The test then kills it with SIGKILL.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { createNoticeActivities } from '../../activities/notices';
import { createNoticeLedger, type NoticeLedger } from '../../lib/mail/ledger';
import { openDatabase } from '../../lib/store/database';
import { directory, noticeDeps } from './fixtures';

async function main(): Promise<void> {
  const [address, taskQueue, smtpPort, dbFile] = [process.env.TEMPORAL_TEST_ADDRESS, process.env.CRASH_TASK_QUEUE, process.env.CRASH_SMTP_PORT, process.env.CRASH_DB_FILE];
  if (!address || !taskQueue || !smtpPort || !dbFile) throw new Error('crashing-worker needs TEMPORAL_TEST_ADDRESS, CRASH_TASK_QUEUE, CRASH_SMTP_PORT, CRASH_DB_FILE');
  const ledger = createNoticeLedger(openDatabase(dbFile));
  const stuck: NoticeLedger = {
    ...ledger,
    markSent: () => {
      process.stdout.write('accepted\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // blocks this thread until the kill
    },
  };
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, taskQueue, activities: createNoticeActivities({ ...noticeDeps(Number(smtpPort), stuck), directory }) });
  process.stdout.write('ready\n');
  await worker.run();
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
