// Work that must finish after the response has gone: on a serverless host the
// function is frozen once its response ends, unless the work is handed to
// Next.js's after(), which keeps it alive until the work settles (waitUntil).
import { after } from "next/server";

export function outliveResponse(work: Promise<unknown>): void {
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  try {
    after(settled);
  } catch {
    // Called outside a Next.js request (tests, scripts): the process lives on and the work with it.
  }
}
