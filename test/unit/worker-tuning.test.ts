import { loadConfig } from '../../src/config';
import v8 from 'node:v8';
import { applyHeapGrowth, workerTuning } from '../../worker/tuning';

describe('the worker tuning (worker/tuning.ts)', () => {
  it('gives an activation a minute by default, not the SDK 5 s that ends the process on a loaded machine', () => {
    expect(workerTuning(loadConfig({})).isolateExecutionTimeout).toBe(60_000);
  });

  it('takes the activation limit from TAKEDOWN_WORKER_ACTIVATION_TIMEOUT', () => {
    expect(workerTuning(loadConfig({ TAKEDOWN_WORKER_ACTIVATION_TIMEOUT: '2m' })).isolateExecutionTimeout).toBe(120_000);
  });

  it('refuses a limit that is not a duration, naming the variable and what it takes', () => {
    expect(() => loadConfig({ TAKEDOWN_WORKER_ACTIVATION_TIMEOUT: 'a while' })).toThrow(/TAKEDOWN_WORKER_ACTIVATION_TIMEOUT: .*duration like "24h"/);
  });

  it('caches 1,000 workflows unless set (the SDK default grows with the machine, and the memory with it)', () => {
    expect(workerTuning(loadConfig({})).maxCachedWorkflows).toBe(1000);
    expect(workerTuning(loadConfig({ TAKEDOWN_WORKER_CACHED_WORKFLOWS: '500' })).maxCachedWorkflows).toBe(500);
  });

  it('leaves the task slots to the SDK unless set', () => {
    const tuned = workerTuning(loadConfig({}));
    expect(tuned).not.toHaveProperty('maxConcurrentWorkflowTaskExecutions');
    expect(tuned).not.toHaveProperty('maxConcurrentActivityTaskExecutions');
    expect(workerTuning(loadConfig({ TAKEDOWN_WORKER_WORKFLOW_TASKS: '8' })).maxConcurrentWorkflowTaskExecutions).toBe(8);
  });

  it('leaves the workflow threads to the SDK unless set, and refuses a count out of 1..16', () => {
    expect(workerTuning(loadConfig({}))).not.toHaveProperty('workflowThreadPoolSize');
    expect(workerTuning(loadConfig({ TAKEDOWN_WORKER_WORKFLOW_THREADS: '2' })).workflowThreadPoolSize).toBe(2);
    expect(() => loadConfig({ TAKEDOWN_WORKER_WORKFLOW_THREADS: '0' })).toThrow(/TAKEDOWN_WORKER_WORKFLOW_THREADS/);
  });

  it('lets the heaps grow to twice their live data unless set, and refuses a growth out of 10..300', () => {
    expect(loadConfig({}).TAKEDOWN_WORKER_HEAP_GROWTH).toBe(100);
    expect(loadConfig({ TAKEDOWN_WORKER_HEAP_GROWTH: '25' }).TAKEDOWN_WORKER_HEAP_GROWTH).toBe(25);
    expect(() => loadConfig({ TAKEDOWN_WORKER_HEAP_GROWTH: '5' })).toThrow(/TAKEDOWN_WORKER_HEAP_GROWTH: at least 10/);
    expect(() => loadConfig({ TAKEDOWN_WORKER_HEAP_GROWTH: 'lots' })).toThrow(/TAKEDOWN_WORKER_HEAP_GROWTH/);
  });

  it('hands the growth to V8 as its heap-growing flag, which every thread of the process reads', () => {
    const setFlags = jest.spyOn(v8, 'setFlagsFromString');
    try {
      applyHeapGrowth(loadConfig({ TAKEDOWN_WORKER_HEAP_GROWTH: '40' }));
      expect(setFlags).toHaveBeenCalledWith('--heap-growing-percent=40');
    } finally {
      setFlags.mockRestore();
      applyHeapGrowth(loadConfig({}));
    }
  });

  it('lets a task wait a minute for the worker that holds its workflow, not the SDK 10 s, and takes TAKEDOWN_WORKER_STICKY_TIMEOUT', () => {
    expect(workerTuning(loadConfig({})).stickyQueueScheduleToStartTimeout).toBe(60_000);
    expect(workerTuning(loadConfig({ TAKEDOWN_WORKER_STICKY_TIMEOUT: '20s' })).stickyQueueScheduleToStartTimeout).toBe(20_000);
    expect(() => loadConfig({ TAKEDOWN_WORKER_STICKY_TIMEOUT: 'soon' })).toThrow(/TAKEDOWN_WORKER_STICKY_TIMEOUT/);
  });
});
