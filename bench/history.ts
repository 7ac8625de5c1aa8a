// npm run bench:history — session list, search and history latency at scale:
// one user with SESSIONS sessions and MESSAGES messages (PostgreSQL full-text
// search with GIN indexes; half the sessions in Chinese), plus a 5,000-message session, measured over HTTP
// through Parley (the production server). Needs a PostgreSQL server (TEST_DATABASE_URL or
// BENCH_DATABASE_URL); the data is generated in a fresh database and dropped.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { hashToken, newToken } from "../lib/auth/tokens";
import { baseEnv, MIGRATE, startInstance } from "../e2e/support/instance";
import { createDatabase, dropDatabase, freshDatabaseName, postgresServerUrl } from "../tests/support/postgres";
import { percentile, printTable, type Row } from "./support";

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const LONG_SESSION = 5_000;
const SAMPLES = 60;
const APP_PORT = 3251;

// Text with the shape of real conversations, in English and in Chinese (a session
// is one or the other, as our users write): common words in every message, a
// session's few topics (so a topic word is in about one session in ten), a long
// tail of words (thousands of distinct words per session), and rare ones in
// about one message in ten thousand. Chinese is written without spaces, with
// English technical words inside it ("用rust写的服务器").
const COMMON = "the a to and of is in it you that for on with this be are can was have not but what how use".split(" ");
const TOPICS = "rust python database index query server cache thread async memory network deploy docker kubernetes model token stream latency budget garden recipe travel music history physics chemistry poetry".split(" ");
const COMMON_ZH = "的 我 是 你 在 了 一个 这个 我们 可以 什么 怎么 没有 因为 所以 就是 还是 如果 需要 觉得 问题 知道 现在 时候".split(" ");
const TOPICS_ZH = "机器学习 数据库 服务器 缓存 线程 异步 内存 网络 部署 容器 模型 延迟 预算 花园 食谱 旅行 音乐 历史 物理 化学 诗歌 天气 股票 足球 电影 小说 健身 咖啡".split(" ");
/** The tail of Chinese words: pairs of characters from the first 3,500 of the CJK block (some far more often). */
const TAIL_ZH = `chr(19968 + floor(power(random(), 2) * 3500)::int) || chr(19968 + floor(random() * 3500)::int)`;

async function generate(client: pg.Client, userId: string): Promise<string> {
  const perSession = Math.max(2, Math.floor((MESSAGES - LONG_SESSION) / (SESSIONS - 1)));
  await client.query(`INSERT INTO "User"(id, email, "isAnonymous") VALUES ($1::uuid, $1::text || '@guests.parley.invalid', true)`, [userId]);
  // Deterministic ids (so messages can point at their parents) that are valid version-4 UUIDs.
  await client.query(`CREATE FUNCTION pg_temp.vid(text) RETURNS uuid AS $$ SELECT overlay(overlay(md5($1) placing '4' from 13) placing '8' from 17)::uuid $$ LANGUAGE sql IMMUTABLE`);
  const array = (words: string[]) => `(ARRAY[${words.map((w) => `'${w}'`).join(",")}])`;
  const [common, topics, commonZh, topicsZh] = [array(COMMON), array(TOPICS), array(COMMON_ZH), array(TOPICS_ZH)];
  // 12 to 32 words (seq.s and g keep random() per message and per word); of each ten
  // words about six common ones (the first most often), one or two of the session's
  // three topics, the rest from a tail of 50,000 words ("v<n>", low numbers most often).
  const word = `CASE WHEN pick.r < 0.6 THEN ${common}[1 + floor(power(random(), 2) * ${COMMON.length})::int]
    WHEN pick.r < 0.75 THEN ${topics}[1 + (i + floor(random() * 3)::int) % ${TOPICS.length}]
    ELSE 'v' || floor(power(random(), 3) * 50000)::int END`;
  // Chinese: the same mix, with a tenth of the words English ones from the session's topics.
  const wordZh = `CASE WHEN pick.r < 0.55 THEN ${commonZh}[1 + floor(power(random(), 2) * ${COMMON_ZH.length})::int]
    WHEN pick.r < 0.65 THEN ${topics}[1 + (i + floor(random() * 3)::int) % ${TOPICS.length}]
    WHEN pick.r < 0.8 THEN ${topicsZh}[1 + (i + floor(random() * 3)::int) % ${TOPICS_ZH.length}]
    ELSE ${TAIL_ZH} END`;
  const words = (pick: string, separator: string) => `array_to_string(ARRAY(SELECT ${pick} FROM generate_series(1, 12 + (random() * 20)::int + 0 * seq.s) g
      CROSS JOIN LATERAL (SELECT random() + 0 * g AS r) pick), '${separator}')`;
  const sentence = `CASE WHEN i % 2 = 0 THEN ${words(wordZh, "")} ELSE ${words(word, " ")} END
    || CASE WHEN random() < 0.0001 THEN ' zq' || (random() * 100)::int ELSE '' END`;
  // Bulk load: each session's words are gathered once at the end (as the migration that
  // added them does) rather than by the trigger, message by message.
  await client.query(`ALTER TABLE "Message" DISABLE TRIGGER "Message_contentVector_update"`);
  const started = Date.now();
  const batch = 500;
  for (let first = 1; first <= SESSIONS; first += batch) {
    const last = Math.min(SESSIONS, first + batch - 1);
    await client.query(`
      INSERT INTO "Session"(id, "userId", title, "titleSource", model, pinned, "createdAt", "updatedAt", "lastMessageAt", "headId")
      SELECT pg_temp.vid('s' || i), $1, 'Chat ' || i || ' on ' || (ARRAY[${TOPICS.map((w) => `'${w}'`).join(",")}])[1 + i % ${TOPICS.length}], 'auto', 'test-model',
             i % 97 = 0, now() - i * interval '1 minute', now() - i * interval '1 minute', now() - i * interval '1 minute',
             pg_temp.vid('m' || i || '-' || (CASE WHEN i = 1 THEN ${LONG_SESSION} ELSE ${perSession} END))
      FROM generate_series($2::int, $3::int) i`, [userId, first, last]);
    await client.query(`
      INSERT INTO "Message"(id, "sessionId", "parentId", seq, role, parts, text, status, "createdAt", "updatedAt")
      SELECT pg_temp.vid('m' || i || '-' || seq.s), pg_temp.vid('s' || i),
             CASE WHEN seq.s = 1 THEN NULL ELSE pg_temp.vid('m' || i || '-' || (seq.s - 1)) END,
             seq.s, CASE WHEN seq.s % 2 = 1 THEN 'user'::"MessageRole" ELSE 'assistant'::"MessageRole" END,
             jsonb_build_array(jsonb_build_object('type', 'text', 'text', t.text)), t.text, 'complete',
             now() - i * interval '1 minute', now() - i * interval '1 minute'
      FROM generate_series($1::int, $2::int) i
      CROSS JOIN LATERAL generate_series(1, CASE WHEN i = 1 THEN ${LONG_SESSION} ELSE ${perSession} END) seq(s)
      CROSS JOIN LATERAL (SELECT ${sentence} AS text) t`, [first, last]);
    process.stdout.write(`\rgenerated ${last} / ${SESSIONS} sessions (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  await client.query(`UPDATE "Session" s SET "contentVector" = (
    SELECT strip(to_tsvector('simple', parley_search_words(coalesce(string_agg(m."text", ' '), '')))) FROM "Message" m WHERE m."sessionId" = s.id)`);
  await client.query(`ALTER TABLE "Message" ENABLE TRIGGER "Message_contentVector_update"`);
  await client.query(`ANALYZE`);
  const { rows } = await client.query(`SELECT count(*)::int AS n, pg_temp.vid('s1')::text AS long FROM "Message"`);
  console.log(`\n${rows[0].n} messages in ${SESSIONS} sessions`);
  return rows[0].long;
}

async function timed(url: string, token: string, samples = SAMPLES): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${url} → ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  return times;
}

async function main() {
  const server = process.env.BENCH_DATABASE_URL || postgresServerUrl();
  if (!server) throw new Error("needs a PostgreSQL server: set TEST_DATABASE_URL or BENCH_DATABASE_URL");
  if (spawnSync(process.execPath, ["scripts/build-if-stale.mjs"], { stdio: "inherit" }).status !== 0) throw new Error("build failed");
  const name = freshDatabaseName("parley_bench");
  const url = await createDatabase(server, name);
  try {
    const migrated = spawnSync(process.execPath, [MIGRATE], { env: baseEnv({ DATABASE_URL: url }), stdio: "inherit" });
    if (migrated.status !== 0) throw new Error("migration failed");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const userId = randomUUID();
    const longSession = await generate(client, userId);
    const token = newToken();
    await client.query(`INSERT INTO "ApiToken"(id, "userId", name, "tokenHash") VALUES ($1, $2, 'bench', $3)`, [randomUUID(), userId, hashToken(token)]);
    const { rows: [{ cursor: oldest }] } = await client.query(`SELECT id AS cursor FROM "Message" WHERE "sessionId" = $1 AND seq = 200`, [longSession]);
    await client.end();

    const app = await startInstance(APP_PORT, baseEnv({ DATABASE_URL: url, PARLEY_LOG_LEVEL: "warn" }));
    try {
      const api = (path: string) => `${app.url}${path}`;
      await timed(api("/api/sessions?limit=30"), token, 10); // warm up
      const firstPage = await (await fetch(api("/api/sessions?limit=30"), { headers: { authorization: `Bearer ${token}` } })).json();
      let deep = firstPage.nextCursor as string;
      for (let i = 0; i < 19; i++) {
        const next = (await (await fetch(api(`/api/sessions?limit=30&cursor=${deep}`), { headers: { authorization: `Bearer ${token}` } })).json()).nextCursor;
        if (!next) break;
        deep = next;
      }

      const measure: Array<[string, string, number]> = [
        ["session list, first page (30)", "/api/sessions?limit=30", 50],
        ["session list, page 21 (cursor)", `/api/sessions?limit=30&cursor=${deep}`, 50],
        ["search, a common word (\"the\")", "/api/sessions?limit=30&q=the", 50],
        ["search, a topic word (\"kubernetes\")", "/api/sessions?limit=30&q=kubernetes", 50],
        ["search, a prefix (\"kube\")", "/api/sessions?limit=30&q=kube", 50],
        ["search, two words (\"rust latency\")", "/api/sessions?limit=30&q=rust%20latency", 50],
        ["search, a long-tail word (\"v31337\")", "/api/sessions?limit=30&q=v31337", 50],
        ["search, a rare word (\"zq42\")", "/api/sessions?limit=30&q=zq42", 50],
        ["search, no match (\"xylophone\")", "/api/sessions?limit=30&q=xylophone", 50],
        ["search, a common Chinese word (\"我们\")", `/api/sessions?limit=30&q=${encodeURIComponent("我们")}`, 50],
        ["search, a Chinese topic word (\"缓存\")", `/api/sessions?limit=30&q=${encodeURIComponent("缓存")}`, 50],
        ["search, a Chinese phrase (\"机器学习\")", `/api/sessions?limit=30&q=${encodeURIComponent("机器学习")}`, 50],
        ["search, Chinese and English (\"缓存 rust\")", `/api/sessions?limit=30&q=${encodeURIComponent("缓存 rust")}`, 50],
        ["search, no Chinese match (\"量子纠缠\")", `/api/sessions?limit=30&q=${encodeURIComponent("量子纠缠")}`, 50],
        [`history, newest 50 of ${LONG_SESSION}`, `/api/sessions/${longSession}/messages?limit=50`, 50],
        [`history, 50 older (from message 200)`, `/api/sessions/${longSession}/messages?limit=50&before=${oldest}`, 50],
      ];
      const rows: Row[] = [];
      for (const [figure, path] of measure) {
        const times = await timed(api(path), token);
        rows.push({ figure: `${figure}, p50`, value: percentile(times, 50), unit: "ms" });
        rows.push({ figure: `${figure}, p95`, value: percentile(times, 95), unit: "ms", target: { op: "≤", value: 50 } });
      }
      const met = printTable(`Session list, search and history over HTTP (${SESSIONS} sessions, ~${MESSAGES} messages, one user)`, rows);
      console.log(met ? "\nAll targets met." : "\nSome targets missed (✗).");
    } finally {
      await app.stop();
    }
  } finally {
    await dropDatabase(server, name);
  }
}

await main();
process.exit(0);
