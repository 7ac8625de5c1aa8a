// A reply worker thread: generates the replies the server thread asks for and
// sends back their SSE frames, their parts so far and how they ended.
import { parentPort } from "node:worker_threads";
import { closeMcpClients } from "../ai/mcp";
import { generate, type GenerateEvents } from "./generate";
import type { WorkerCommand, WorkerMessage } from "./generation";

const port = parentPort!;
const running = new Map<string, { stop: (reason: "user" | "shutdown") => void }>();

// Everything produced in one turn of the event loop, for all replies, travels as one message:
// a message costs the server's thread more than the frames in it.
let outbox: WorkerMessage[] = [];
function send(message: WorkerMessage): void {
  if (outbox.length === 0) {
    setImmediate(() => {
      port.postMessage(outbox);
      outbox = [];
    });
  }
  outbox.push(message);
}

function events(id: string): GenerateEvents {
  return {
    frames: (frames) => send({ id, frames: frames.join("") }),
    progress: (parts) => send({ id, progress: parts }),
    end(end) {
      running.delete(id);
      send({ id, end });
    },
  };
}

port.on("message", (command: WorkerCommand) => {
  if ("generate" in command) {
    const id = command.generate.replyId;
    running.set(id, generate(command.generate, events(id)));
  } else if ("stop" in command) {
    running.get(command.stop)?.stop(command.reason);
  } else {
    void closeMcpClients();
  }
});
