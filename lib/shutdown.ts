// Graceful shutdown (SIGTERM/SIGINT, when NEXT_MANUAL_SIG_HANDLE=true hands
// signals to us): no new replies start, running ones may finish within
// PARLEY_SHUTDOWN_GRACE_MS, the rest are cut and stored as interrupted, then
// connections close and the process exits.
import { closeMcpClients } from "./ai/mcp";
import { localReplies, stopLocalReply } from "./chat/streams";
import { getConfig } from "./config";
import { closeDb } from "./db/client";
import { log } from "./log";
import { closeRedis } from "./redis";

const holder = globalThis as typeof globalThis & { __parleyDraining?: boolean };

/** True once shutdown has begun: sends are refused (503) so clients retry elsewhere. */
export function isDraining(): boolean {
  return holder.__parleyDraining === true;
}

const sleep = (ms: number) => new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms).unref());

async function allEnded(timeoutMs: number): Promise<boolean> {
  const ended = Promise.allSettled(localReplies().map((reply) => reply.ended)).then(() => "ended" as const);
  return (await Promise.race([ended, sleep(timeoutMs)])) === "ended";
}

export async function shutdown(signal: string): Promise<void> {
  if (isDraining()) return;
  holder.__parleyDraining = true;
  const { shutdownGraceMs } = getConfig();
  const running = localReplies().length;
  log.info(`${signal}: shutting down; ${running} running repl${running === 1 ? "y" : "ies"} get up to ${shutdownGraceMs} ms to finish`);
  if (!(await allEnded(shutdownGraceMs))) {
    for (const reply of localReplies()) stopLocalReply(reply.replyId, "shutdown");
    await allEnded(5_000);
  }
  await Promise.allSettled([closeMcpClients(), closeRedis()]);
  await closeDb().catch((error) => log.error("closing the database failed", error));
  log.info("shutdown complete");
  process.exit(0);
}

export function handleTerminationSignals(): void {
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
