// Entry of a reply worker thread (lib/chat/generation.ts): TypeScript through tsx,
// resolved from this package, then the worker itself.
import { register } from "tsx/esm/api";

register();
await import("./generation-worker.ts");
