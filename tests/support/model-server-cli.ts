// Runs the test model server standalone, e.g. for browser tests and benchmarks:
//   npx tsx tests/support/model-server-cli.ts --port 4010 [--api-key K] [--token-delay-ms 20] [--first-token-delay-ms 100]
import { parseArgs } from "node:util";
import { startModelServer } from "./model-server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    "api-key": { type: "string" },
    "token-delay-ms": { type: "string" },
    "first-token-delay-ms": { type: "string" },
  },
});

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} expects a whole number >= 0, got "${value}"`);
    process.exit(2);
  }
  return n;
}

const server = await startModelServer({
  port: number("port", values.port),
  apiKey: values["api-key"],
  tokenDelayMs: number("token-delay-ms", values["token-delay-ms"]),
  firstTokenDelayMs: number("first-token-delay-ms", values["first-token-delay-ms"]),
});
console.log(`model server listening on ${server.url}`);

let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  await server.close();
  console.log(`model server stopped (${signal})`);
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
