// What the Node server does once at start-up (called from instrumentation.ts).
import { warmUpModels } from "./ai/providers";
import { getConfig } from "./config";
import { handleTerminationSignals } from "./shutdown";

export function onServerStart(): void {
  let handlesSignals = false;
  try {
    handlesSignals = getConfig().handlesSignals;
  } catch (error) {
    // A bad setting stops start-up, naming the variable and what it expects.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  if (handlesSignals) handleTerminationSignals();
  warmUpModels();
}
