// Writes a running reply to the database: a checkpoint as soon as its parts are
// reported (generation reports them at most every CHECKPOINT_MS, never per token),
// a heartbeat every HEARTBEAT_MS even when the model is silent, then the final
// row, retried for a while if the database is down.
import type { UIMessage } from "ai";
import { checkpointReply, finishReply, type MessageRow, type ReplyEnd } from "../db/messages";
import { log } from "../log";
import { HEARTBEAT_MS } from "./liveness";
import { textOf } from "./parts";

export type ReplyOutcome = Omit<ReplyEnd, "parts"> & { parts: UIMessage["parts"] };

/** How long the final write is retried before the client is told the reply was not saved. */
const FINAL_WRITE_RETRY_MS = [250, 500, 1_000, 2_000, 4_000, 8_000];

export class ReplyRecorder {
  private parts: UIMessage["parts"] = [];
  private dirty = false;
  private lastWrite = Date.now();
  private writing: Promise<void> | null = null;
  private finishing = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly id: string) {
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastWrite >= HEARTBEAT_MS) this.checkpoint();
    }, HEARTBEAT_MS / 2);
  }

  /** The reply's parts so far: written now, or right after the write under way. */
  progress(parts: UIMessage["parts"]): void {
    this.parts = parts;
    this.dirty = true;
    this.checkpoint();
  }

  /** The reply's parts as far as they got. */
  latest(): UIMessage["parts"] {
    return this.parts;
  }

  private checkpoint(): void {
    if (this.writing || this.finishing) return;
    const parts = this.parts;
    this.dirty = false;
    this.writing = checkpointReply(this.id, parts as object[], textOf(parts))
      .then(() => {
        this.lastWrite = Date.now();
      })
      // A missed checkpoint only costs freshness; the final write is what must land.
      .catch((error) => log.warn(`checkpoint of reply ${this.id} failed`, error))
      .finally(() => {
        this.writing = null;
        if (this.dirty) this.checkpoint();
      });
  }

  /** Stores how the reply ended; null when the database stayed unavailable. */
  async finish(outcome: ReplyOutcome): Promise<MessageRow | null> {
    this.finishing = true;
    clearInterval(this.heartbeat);
    await this.writing;
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
