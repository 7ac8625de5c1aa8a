// How a running reply shows it is alive: its row is written at least every
// HEARTBEAT_MS while it runs (and its text at most every CHECKPOINT_MS, never
// per token). A `streaming` reply untouched for STALE_AFTER_MS lost its writer
// (the process died) and is shown as interrupted; it no longer blocks the session.
export const CHECKPOINT_MS = 1_000;
export const HEARTBEAT_MS = 2_000;
export const STALE_AFTER_MS = 10_000;

export function staleBefore(now = Date.now()): Date {
  return new Date(now - STALE_AFTER_MS);
}
