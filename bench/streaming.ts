// npm run bench:streaming — what Parley adds to the model's own latency.
// The project's model server is the upstream; the same load runs straight
// against it (the baseline) and through Parley (next start, production build),
// in one run on this machine:
//   - CONCURRENCY long replies (TOKENS tokens each) are started over RAMP_MS;
//   - once all of them stream, PROBES short replies are started one by one:
//     their time to first token, minus the baseline's, is the first-token
//     overhead "at CONCURRENCY concurrent streams";
//   - the gaps between chunks of the long replies, p99, minus the baseline's,
//     is the delay added per chunk;
//   - and: replies completed and stored, errors, server RSS per open stream,
//     server CPU seconds per 1,000 tokens.
// Figures are printed with their targets; nothing is asserted.
import { spawnSync } from "node:child_process";
import pg from "pg";
import { baseEnv, freshTestDatabase, startInstance, visitor } from "../e2e/support/instance";
import { openAiDelta, percentile, printTable, processUsage, startModelServerProcess, timeStream, uiDelta, type StreamTiming } from "./support";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 1000);
// 20 tokens a second per reply: 4,000 a second over 200 replies, on a machine that also runs the
// upstream, the database and this client.
const TOKEN_DELAY_MS = Number(process.env.BENCH_TOKEN_DELAY_MS ?? 50);
const FIRST_TOKEN_DELAY_MS = 200;
const RAMP_MS = Number(process.env.BENCH_RAMP_MS ?? 10_000);
const PROBES = 20;
const PROBE_SPACING_MS = 250;
const MODEL_PORT = 4250;
const APP_PORT = 3250;

const longMessage = `benchmark [[tokens:${TOKENS}]] [[delay:${TOKEN_DELAY_MS}]] [[first-token-delay:${FIRST_TOKEN_DELAY_MS}]]`;
const probeMessage = `probe [[tokens:5]] [[first-token-delay:${FIRST_TOKEN_DELAY_MS}]]`;

type Starter = (message: string, index: number) => Promise<StreamTiming>;

/** Long streams ramped up, then probes while they all run. */
async function load(start: Starter): Promise<{ long: StreamTiming[]; probes: StreamTiming[] }> {
  const long = Promise.all(
    Array.from({ length: CONCURRENCY }, (_, index) =>
      new Promise<void>((resolve) => setTimeout(resolve, (index * RAMP_MS) / CONCURRENCY)).then(() => start(longMessage, index)),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, RAMP_MS + FIRST_TOKEN_DELAY_MS + 1_000));
  const probes: StreamTiming[] = [];
  for (let i = 0; i < PROBES; i++) {
    probes.push(await start(probeMessage, CONCURRENCY + i));
    await new Promise((resolve) => setTimeout(resolve, PROBE_SPACING_MS));
  }
  return { long: await long, probes };
}

async function main() {
  if (spawnSync(process.execPath, ["scripts/build-if-stale.mjs"], { stdio: "inherit" }).status !== 0) throw new Error("build failed");
  const db = await freshTestDatabase();
  const model = await startModelServerProcess(MODEL_PORT);
  const app = await startInstance(
    APP_PORT,
    baseEnv({
      ...db.env,
      OPENAI_BASE_URL: model.url,
      PARLEY_RATE_SENDS_PER_USER: "off",
      PARLEY_RATE_SENDS_PER_IP: "off",
      PARLEY_LOG_LEVEL: "warn",
    }),
  );
  try {
    const seconds = (RAMP_MS / 1000).toFixed(0);
    console.log(`${CONCURRENCY} replies of ${TOKENS} tokens, ${Math.round(1000 / TOKEN_DELAY_MS)} tokens/s each, started over ${seconds} s; then ${PROBES} probes; database: ${db.kind}`);

    const direct: Starter = async (message) => {
      const startedAt = performance.now();
      const response = await fetch(`${model.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer x" },
        body: JSON.stringify({ model: "test-model", stream: true, messages: [{ role: "user", content: message }] }),
      });
      return timeStream(response, startedAt, openAiDelta);
    };
    const baseline = await load(direct);
    console.log("baseline done");

    const client = await visitor(app.url);
    const newSession = async () => ((await (await client(app.url, "/api/sessions", { method: "POST", body: "{}" })).json()) as { id: string }).id;
    const sessions = await Promise.all(Array.from({ length: CONCURRENCY + PROBES }, newSession));
    // Each session's first turn (which also writes its title) before measuring: turns after the first are the common case.
    await Promise.all(sessions.map(async (id) => (await client(app.url, `/api/sessions/${id}/messages`, { method: "POST", body: JSON.stringify({ message: "[[tokens:1]]" }) })).text()));

    const idle = processUsage(app.process.pid!);
    let peakRss = idle.rssBytes;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, processUsage(app.process.pid!).rssBytes)), 100);
    const through = await load(async (message, index) => {
      const startedAt = performance.now();
      const response = await client(app.url, `/api/sessions/${sessions[index]}/messages`, { method: "POST", body: JSON.stringify({ message }) });
      return timeStream(response, startedAt, uiDelta);
    });
    clearInterval(sampler);
    const busy = processUsage(app.process.pid!);
    console.log("through Parley done");

    await new Promise((resolve) => setTimeout(resolve, 500));
    let stored = NaN;
    if (db.kind === "postgres") {
      const pool = new pg.Pool({ connectionString: db.env.DATABASE_URL });
      const { rows } = await pool.query(
        `SELECT count(*)::int AS n FROM "Message" WHERE role = 'assistant' AND status = 'complete' AND "outputTokens" = $1 AND "sessionId" = ANY($2::uuid[])`,
        [TOKENS, sessions.slice(0, CONCURRENCY)],
      );
      stored = rows[0].n;
      await pool.end();
    }

    const firstToken = (timings: StreamTiming[], p: number) => percentile(timings.map((t) => t.firstTokenMs), p);
    const gaps = (timings: StreamTiming[]) => timings.flatMap((t) => t.gapsMs);
    const completed = through.long.filter((t) => t.ok && t.tokens === TOKENS).length;
    const all = [...through.long, ...through.probes];
    const errors = all.filter((t) => !t.ok).length;
    const tokens = all.reduce((sum, t) => sum + t.tokens, 0);

    const met = printTable(`Streaming through Parley vs straight from the upstream (${CONCURRENCY} concurrent replies × ${TOKENS} tokens at ${Math.round(1000 / TOKEN_DELAY_MS)} tokens/s)`, [
      { figure: "first token at full load, upstream alone, p50", value: firstToken(baseline.probes, 50), unit: "ms" },
      { figure: "first token at full load, through Parley, p50", value: firstToken(through.probes, 50), unit: "ms" },
      { figure: "first-token overhead p50", value: firstToken(through.probes, 50) - firstToken(baseline.probes, 50), unit: "ms", target: { op: "≤", value: 10 } },
      { figure: "first-token overhead p99", value: firstToken(through.probes, 99) - firstToken(baseline.probes, 99), unit: "ms", target: { op: "≤", value: 50 } },
      { figure: "first-token overhead while ramping up, p50", value: firstToken(through.long, 50) - firstToken(baseline.long, 50), unit: "ms" },
      { figure: "gap between chunks, upstream alone, p99", value: percentile(gaps(baseline.long), 99), unit: "ms" },
      { figure: "gap between chunks, through Parley, p99", value: percentile(gaps(through.long), 99), unit: "ms" },
      { figure: "delay added per chunk, p99", value: percentile(gaps(through.long), 99) - percentile(gaps(baseline.long), 99), unit: "ms", target: { op: "≤", value: 2 } },
      { figure: "long replies completed", value: completed, unit: `of ${CONCURRENCY}`, target: { op: "=", value: CONCURRENCY } },
      ...(Number.isNaN(stored) ? [] : [{ figure: "long replies stored complete", value: stored, unit: `of ${CONCURRENCY}`, target: { op: "=" as const, value: CONCURRENCY } }]),
      { figure: "errors", value: errors, unit: "", target: { op: "=", value: 0 } },
      { figure: "server RSS per open stream", value: (peakRss - idle.rssBytes) / CONCURRENCY / 1024, unit: "KiB" },
      { figure: "server CPU per 1,000 tokens", value: ((busy.cpuSeconds - idle.cpuSeconds) / tokens) * 1000 * 1000, unit: "ms" },
    ]);
    const reasons = [...new Set(all.filter((t) => !t.ok).map((t) => t.error))];
    if (reasons.length > 0) {
      console.log(`\nErrors: ${reasons.join("; ")}`);
      console.log(`Server log (end):\n${app.output().split("\n").slice(-15).join("\n")}`);
    }
    console.log(met ? "\nAll targets met." : "\nSome targets missed (✗).");
  } finally {
    await app.stop();
    model.stop();
    await db.drop();
  }
}

await main();
process.exit(0);
