// npm run bench:streaming — what Parley adds to the model's own latency and CPU.
// The project's model server is the upstream; every load runs straight against
// it (the baseline) and through Parley (the production server), in one
// run on this machine:
//   1. first reply after start: an instance's very first turn vs its next one;
//   2. one user at idle: PROBES replies one after another, each in a new chat;
//   3. 20 concurrent streams: probes while 20 long replies run;
//   4. a burst: 20 sends at the same moment, in new chats;
//   5. CONCURRENCY long replies at once (TOKENS tokens): delay added per chunk,
//      all completed and stored, server CPU per token (÷ the AI SDK's own UI
//      message stream measured in this process under the same load: the floor), RSS per stream, and
//      the database's work: PostgreSQL's CPU per token (on this machine) and the
//      transactions one reply costs.
// Figures are printed with their targets; nothing is asserted.
import { spawnSync } from "node:child_process";
import pg from "pg";
import { baseEnv, freshTestDatabase, startInstance, visitor, type Instance } from "../e2e/support/instance";
import { uiMessageStreamFloor } from "./sdk-floor";
import { openAiDelta, percentile, postgresCpuSeconds, printTable, processUsage, startModelServerProcess, timeStream, uiDelta, type Row, type StreamTiming } from "./support";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 1000);
const TOKEN_DELAY_MS = Number(process.env.BENCH_TOKEN_DELAY_MS ?? 50); // 20 tokens a second per reply
const FIRST_TOKEN_DELAY_MS = 200;
const RAMP_MS = Number(process.env.BENCH_RAMP_MS ?? 10_000);
const PROBES = 20;
const PROBE_SPACING_MS = 250;
const BURST = 20;
const MODEL_PORT = 4250;
const APP_PORT = 3250;

const reply = (tokens: number) => `benchmark [[tokens:${tokens}]] [[delay:${TOKEN_DELAY_MS}]] [[first-token-delay:${FIRST_TOKEN_DELAY_MS}]]`;
// Only the first token is timed; a short reply keeps the run short.
const probe = reply(20);

/** Starts one reply (message, nth stream of the phase) and times it. */
type Starter = (message: string, fresh: boolean) => Promise<StreamTiming>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function probesOneByOne(start: Starter): Promise<StreamTiming[]> {
  const timings: StreamTiming[] = [];
  for (let i = 0; i < PROBES; i++) {
    timings.push(await start(probe, true));
    await sleep(PROBE_SPACING_MS);
  }
  return timings;
}

/** `count` long replies ramped up over RAMP_MS; `during` runs once they all stream. */
async function underLoad<T>(start: Starter, count: number, tokens: number, during: () => Promise<T>): Promise<{ long: StreamTiming[]; result: T }> {
  const long = Promise.all(Array.from({ length: count }, (_, i) => sleep((i * RAMP_MS) / count).then(() => start(reply(tokens), false))));
  await sleep(RAMP_MS + FIRST_TOKEN_DELAY_MS + 1_000);
  const result = await during();
  return { long: await long, result };
}

const burst = (start: Starter) => Promise.all(Array.from({ length: BURST }, () => start(reply(20), true)));

type Phases = { idle: StreamTiming[]; at20: StreamTiming[]; burst: StreamTiming[]; long: StreamTiming[] };

async function phases(start: Starter, onLongStart: () => void, onLongEnd: () => void): Promise<Phases> {
  const idle = await probesOneByOne(start);
  const at20 = (await underLoad(start, 20, 300, () => probesOneByOne(start))).result;
  await sleep(1_000);
  const burstTimings = await burst(start);
  await sleep(1_000);
  onLongStart();
  const { long } = await underLoad(start, CONCURRENCY, TOKENS, async () => {});
  onLongEnd();
  return { idle, at20, burst: burstTimings, long };
}

/** Transactions the database committed while `run` ran (each statement outside a transaction is one). */
async function transactionsOf(databaseUrl: string, run: () => Promise<void>): Promise<number> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  // The statistics are flushed about once a second.
  const commits = async () => {
    await sleep(1_500);
    const { rows } = await pool.query(`SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = current_database()`);
    return Number(rows[0].n);
  };
  try {
    const before = await commits();
    await run();
    return (await commits()) - before - 1;
  } finally {
    await pool.end();
  }
}

async function main() {
  if (spawnSync(process.execPath, ["scripts/build-if-stale.mjs"], { stdio: "inherit" }).status !== 0) throw new Error("build failed");
  const db = await freshTestDatabase();
  const model = await startModelServerProcess(MODEL_PORT);
  const env = baseEnv({
    ...db.env,
    OPENAI_BASE_URL: model.url,
    PARLEY_RATE_SENDS_PER_USER: "off",
    PARLEY_RATE_SENDS_PER_IP: "off",
    PARLEY_LOG_LEVEL: "warn",
  });
  let app: Instance | undefined;
  try {
    console.log(`upstream: ${FIRST_TOKEN_DELAY_MS} ms to the first token, ${Math.round(1000 / TOKEN_DELAY_MS)} tokens/s; long load: ${CONCURRENCY} × ${TOKENS} tokens over ${RAMP_MS / 1000} s; database: ${db.kind}`);
    const floor = await uiMessageStreamFloor(model.url, { replies: CONCURRENCY, tokens: TOKENS, rampMs: RAMP_MS });

    const direct: Starter = async (message) => {
      const startedAt = performance.now();
      const response = await fetch(`${model.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer x" },
        body: JSON.stringify({ model: "test-model", stream: true, messages: [{ role: "user", content: message }] }),
      });
      return timeStream(response, startedAt, openAiDelta);
    };
    const baseline = await phases(direct, () => {}, () => {});
    console.log("baseline done");

    // 1. The first reply after start, then a warm one, on a fresh instance.
    app = await startInstance(APP_PORT, env);
    const client = await visitor(app.url);
    const newSession = async () => ((await (await client(app!.url, "/api/sessions", { method: "POST", body: "{}" })).json()) as { id: string }).id;
    const send = async (sessionId: string, message: string) => {
      const startedAt = performance.now();
      const response = await client(app!.url, `/api/sessions/${sessionId}/messages`, { method: "POST", body: JSON.stringify({ message }) });
      return timeStream(response, startedAt, uiDelta);
    };
    const coldSession = await newSession();
    const cold = await send(coldSession, reply(5));
    const warm = await send(coldSession, reply(5));

    // Sessions for the long replies had their first turn (and title) already: later turns are the common case.
    const longSessions = await Promise.all(Array.from({ length: Math.max(CONCURRENCY, 20) }, newSession));
    await Promise.all(longSessions.map((id) => send(id, "[[tokens:1]]")));
    let next = 0;
    const through: Starter = async (message, fresh) => send(fresh ? await newSession() : longSessions[next++ % longSessions.length]!, message);

    const pid = app.process.pid!;
    let idle = processUsage(pid);
    let busy = idle;
    let peakRss = idle.rssBytes;
    // PostgreSQL runs on this machine in the benchmark: its processes' CPU is the database's work.
    let postgresBefore = NaN;
    let postgresAfter = NaN;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, processUsage(pid).rssBytes)), 100);
    const parley = await phases(
      through,
      () => {
        next = 0;
        idle = processUsage(pid);
        peakRss = idle.rssBytes;
        postgresBefore = postgresCpuSeconds();
      },
      () => {
        busy = processUsage(pid);
        postgresAfter = postgresCpuSeconds();
      },
    );
    clearInterval(sampler);
    console.log("through Parley done");

    let stored = NaN;
    let statements = NaN;
    if (db.kind === "postgres") {
      const pool = new pg.Pool({ connectionString: db.env.DATABASE_URL });
      const { rows } = await pool.query(
        `SELECT count(*)::int AS n FROM "Message" WHERE role = 'assistant' AND status = 'complete' AND "outputTokens" = $1 AND "sessionId" = ANY($2::uuid[])`,
        [TOKENS, longSessions.slice(0, CONCURRENCY)],
      );
      stored = rows[0].n;
      await pool.end();
      const session = await newSession();
      await send(session, "[[tokens:1]]");
      statements = await transactionsOf(db.env.DATABASE_URL!, async () => void (await send(session, reply(300))));
    }

    const first = (timings: StreamTiming[], p: number) => percentile(timings.map((t) => t.firstTokenMs), p);
    const overhead = (phase: keyof Phases, p: number) => first(parley[phase], p) - first(baseline[phase], p);
    const gaps = (timings: StreamTiming[]) => timings.flatMap((t) => t.gapsMs);
    const all = Object.values(parley).flat();
    const longTokens = parley.long.reduce((sum, t) => sum + t.tokens, 0);
    const cpuPerToken = ((busy.cpuSeconds - idle.cpuSeconds) / longTokens) * 1e6;
    const rows: Row[] = [
      { figure: "first token of the first reply after start, over a warm one", value: cold.firstTokenMs - warm.firstTokenMs, unit: "ms", target: { op: "≤", value: 1000 } },
      { figure: "first-token overhead, one user at idle, p50", value: overhead("idle", 50), unit: "ms", target: { op: "≤", value: 10 } },
      { figure: "first-token overhead, one user at idle, p99", value: overhead("idle", 99), unit: "ms", target: { op: "≤", value: 25 } },
      { figure: "first-token overhead at 20 concurrent streams, p50", value: overhead("at20", 50), unit: "ms", target: { op: "≤", value: 10 } },
      { figure: "first-token overhead at 20 concurrent streams, p99", value: overhead("at20", 99), unit: "ms", target: { op: "≤", value: 25 } },
      { figure: `first-token overhead, ${BURST} sends at once, p50`, value: overhead("burst", 50), unit: "ms", target: { op: "≤", value: 100 } },
      { figure: `gap between chunks at ${CONCURRENCY} streams, upstream alone, p99`, value: percentile(gaps(baseline.long), 99), unit: "ms" },
      { figure: `delay added per chunk at ${CONCURRENCY} streams, p99`, value: percentile(gaps(parley.long), 99) - percentile(gaps(baseline.long), 99), unit: "ms", target: { op: "≤", value: 20 } },
      { figure: "long replies completed", value: parley.long.filter((t) => t.ok && t.tokens === TOKENS).length, unit: `of ${CONCURRENCY}`, target: { op: "=", value: CONCURRENCY } },
      ...(Number.isNaN(stored) ? [] : [{ figure: "long replies stored complete", value: stored, unit: `of ${CONCURRENCY}`, target: { op: "=" as const, value: CONCURRENCY } }]),
      { figure: "errors", value: all.filter((t) => !t.ok).length, unit: "", target: { op: "=", value: 0 } },
      { figure: "server CPU per 1,000 tokens", value: cpuPerToken, unit: "ms" },
      { figure: "AI SDK floor: its UI message stream per 1,000 tokens", value: floor, unit: "ms" },
      { figure: "server CPU per token ÷ the floor", value: cpuPerToken / floor, unit: "×", target: { op: "≤", value: 1.15 } },
      ...(db.kind === "postgres"
        ? [{ figure: "PostgreSQL CPU per 1,000 tokens", value: ((postgresAfter - postgresBefore) / longTokens) * 1e6, unit: "ms", target: { op: "≤" as const, value: 25 } }]
        : []),
      { figure: "server RSS per open stream", value: (peakRss - idle.rssBytes) / CONCURRENCY / 1024, unit: "KiB" },
      ...(Number.isNaN(statements) ? [] : [{ figure: "database transactions of one 300-token turn (20 tokens/s)", value: statements, unit: "" }]),
    ];
    const met = printTable(`Streaming through Parley vs straight from the upstream`, rows);
    const reasons = [...new Set(all.filter((t) => !t.ok).map((t) => t.error))];
    if (reasons.length > 0) {
      console.log(`\nErrors: ${reasons.join("; ")}`);
      console.log(`Server log (end):\n${app.output().split("\n").slice(-15).join("\n")}`);
    }
    console.log(met ? "\nAll targets met." : "\nSome targets missed (✗).");
  } finally {
    await app?.stop();
    model.stop();
    await db.drop();
  }
}

await main();
process.exit(0);
