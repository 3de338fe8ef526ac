/** What the chaos worker process prints once its workers poll (bench/chaos/worker-supervisor.ts times its starts by it). */
export const readyLine = 'chaos-worker: polling';
