// Writes running replies to the database: the checkpoints of all running
// replies together (one statement for all that are due in the same turn of the
// event loop), and each reply's final row, retried while the database is down.
import type { UIMessage } from "ai";
import { checkpointReplies, finishReply, type MessageRow, type ReplyCheckpoint, type ReplyEnd } from "../db/messages";
import { log } from "../log";

export type ReplyOutcome = Omit<ReplyEnd, "parts"> & { parts: UIMessage["parts"] };

/** How long the final write is retried before the client is told the reply was not saved. */
const FINAL_WRITE_RETRY_MS = [250, 500, 1_000, 2_000, 4_000, 8_000];

const pending = new Map<string, ReplyCheckpoint>();
let scheduled = false;
let writing: Promise<void> | null = null;

async function writeBatch(batch: ReplyCheckpoint[]): Promise<void> {
  try {
    await checkpointReplies(batch);
  } catch (error) {
    if (batch.length === 1) {
      // A missed checkpoint only costs freshness; the final write is what must land.
      log.warn(`checkpoint of reply ${batch[0]!.id} failed`, error);
      return;
    }
    // One reply's bad checkpoint must not cost the others theirs: write them one by one.
    await Promise.all(batch.map((checkpoint) => writeBatch([checkpoint])));
  }
}

function schedule(): void {
  if (scheduled || writing) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    const batch = [...pending.values()];
    pending.clear();
    if (batch.length === 0) return;
    writing = writeBatch(batch).finally(() => {
      writing = null;
      if (pending.size > 0) schedule();
    });
  });
}

/** The reply's parts so far, written with the next batch of checkpoints. */
export function saveCheckpoint(checkpoint: { id: string; parts: UIMessage["parts"]; text: string }): void {
  pending.set(checkpoint.id, { ...checkpoint, parts: checkpoint.parts as object[] });
  schedule();
}

/** Drops a reply's unwritten checkpoint and waits for the write under way, so the final row comes last. */
export async function forgetCheckpoint(id: string): Promise<void> {
  pending.delete(id);
  await writing;
}

/** Stores how the reply ended: the stored row, "gone" when its session was deleted, "unavailable" when the database stayed down. */
export async function storeReplyEnd(id: string, outcome: ReplyOutcome): Promise<MessageRow | "gone" | "unavailable"> {
  const end: ReplyEnd = { ...outcome, parts: outcome.parts as object[] };
  for (let attempt = 0; ; attempt++) {
    try {
      return (await finishReply(id, end)) ?? "gone";
    } catch (error) {
      const wait = FINAL_WRITE_RETRY_MS[attempt];
      if (wait === undefined) {
        log.error(`reply ${id} could not be saved`, error);
        return "unavailable";
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
