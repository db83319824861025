/**
 * Wraps an async task so that calls never overlap: at most one run is in flight and at most one more is queued.
 * Calls made while one is queued join it. A burst of events thus costs two fetches, and the last one starts after
 * the last event, so it sees the newest state.
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const run = (): Promise<void> => {
    if (!running) {
      running = task().finally(() => {
        running = null;
      });
      return running;
    }
    if (!queued) {
      queued = running.catch(() => {}).then(() => {
        queued = null;
        return run();
      });
    }
    return queued;
  };
  return run;
}
