import { DefaultLogger, Runtime } from '@temporalio/worker';

// Every test file: the Temporal runtime logs at WARN, so test output shows what matters.
Runtime.install({ logger: new DefaultLogger('WARN') });
