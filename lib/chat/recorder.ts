// Writes a running reply to the database: a checkpoint as soon as its parts are
// reported (generation reports them at most every CHECKPOINT_MS, never per token),
// a heartbeat every HEARTBEAT_MS even when the model is silent, then the final
// row, retried for a while if the database is down.
import type { UIMessage } from "ai";
import { checkpointReplies, finishReply, type MessageRow, type ReplyCheckpoint, type ReplyEnd } from "../db/messages";
import { log } from "../log";
import { HEARTBEAT_MS } from "./liveness";
import { textOf } from "./parts";

export type ReplyOutcome = Omit<ReplyEnd, "parts"> & { parts: UIMessage["parts"] };

/** How long the final write is retried before the client is told the reply was not saved. */
const FINAL_WRITE_RETRY_MS = [250, 500, 1_000, 2_000, 4_000, 8_000];

/**
 * Checkpoints of all running replies, written together: generation reports
 * every reply's parts in the same turn of the event loop, so 200 running
 * replies cost one statement a second, not 200.
 */
class CheckpointWriter {
  private readonly pending = new Map<string, ReplyCheckpoint>();
  private scheduled = false;
  private writing: Promise<void> | null = null;

  save(checkpoint: ReplyCheckpoint): void {
    this.pending.set(checkpoint.id, checkpoint);
    this.schedule();
  }

  /** Forgets a reply's unwritten checkpoint and waits for the write under way, so the final row comes last. */
  async forget(id: string): Promise<void> {
    this.pending.delete(id);
    await this.writing;
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => this.write());
  }

  private write(): void {
    this.scheduled = false;
    const batch = [...this.pending.values()];
    this.pending.clear();
    if (batch.length === 0) return;
    this.writing = checkpointReplies(batch)
      // A missed checkpoint only costs freshness; the final write is what must land.
      .catch((error) => log.warn(`checkpoint of ${batch.length} replies failed`, error))
      .finally(() => {
        this.writing = null;
        if (this.pending.size > 0) this.schedule();
      });
  }
}

const checkpoints = new CheckpointWriter();

export class ReplyRecorder {
  private parts: UIMessage["parts"] = [];
  private lastSaved = Date.now();
  private finishing = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly id: string) {
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastSaved >= HEARTBEAT_MS) this.checkpoint();
    }, HEARTBEAT_MS / 2);
  }

  /** The reply's parts so far: written with the next batch of checkpoints. */
  progress(parts: UIMessage["parts"]): void {
    this.parts = parts;
    this.checkpoint();
  }

  private checkpoint(): void {
    if (this.finishing) return;
    this.lastSaved = Date.now();
    checkpoints.save({ id: this.id, parts: this.parts as object[], text: textOf(this.parts) });
  }

  /** Stores how the reply ended; null when the database stayed unavailable. */
  async finish(outcome: ReplyOutcome): Promise<MessageRow | null> {
    this.finishing = true;
    clearInterval(this.heartbeat);
    await checkpoints.forget(this.id);
    const end: ReplyEnd = { ...outcome, parts: outcome.parts as object[] };
    for (let attempt = 0; ; attempt++) {
      try {
        return await finishReply(this.id, end);
      } catch (error) {
        const wait = FINAL_WRITE_RETRY_MS[attempt];
        if (wait === undefined) {
          log.error(`reply ${this.id} could not be saved`, error);
          return null;
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }
}
