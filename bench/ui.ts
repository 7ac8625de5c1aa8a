// npm run bench:ui — how the chat page feels on a mid-range phone: Debian's Chromium with
// its CPU slowed 4× (DevTools' throttling), driven by Playwright against the production
// server and the test model server. Measures, in the page: a Markdown reply streaming into
// a 50-message view and into a fully loaded 1,000-message thread (longest main-thread task
// and total blocking time per 10 s of streaming, from Long Tasks), the time from a keystroke
// in the composer to the next frame, and opening a chat seen before (click to its last reply
// painted). Chats are made with POST /api/import.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chromium, type Page } from "playwright";
import { CHROMIUM_ARGS, findChromium } from "../e2e/support/chromium";
import { baseEnv, freshTestDatabase, startInstance, type Instance } from "../e2e/support/instance";
import { percentile, printTable, startModelServerProcess, type Row } from "./support";

const APP_PORT = 3252;
const MODEL_PORT = 4252;
const THROTTLE = 4;
const TOKEN_DELAY_MS = 25;
const REPLY_TOKENS = 400; // 10 s of streaming
const KEYSTROKES = 60;
const SWITCHES = 6;

// Deterministic text with the shape of real chats: questions, then answers with
// paragraphs, lists, code and tables; every other exchange in Chinese.
let seed = 7;
const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
const EN = "the server keeps each stream open while the model answers and the client renders every token as it arrives so the reader sees progress at once".split(" ");
const ZH = "服务器 在 模型 回答 时 保持 每个 流 打开 客户端 在 每个 词 到达 时 渲染 它 读者 立刻 看到 进展 数据库 缓存 延迟".split(" ");
const sentence = (zh: boolean, n: number) => {
  const words = Array.from({ length: n }, () => pick(zh ? ZH : EN));
  return zh ? words.join("") + "。" : words.join(" ").replace(/^./, (c) => c.toUpperCase()) + ".";
};
function answer(i: number): string {
  const zh = i % 2 === 1;
  const blocks = [sentence(zh, 18) + " " + sentence(zh, 14), ["- " + sentence(zh, 8), "- " + sentence(zh, 9), "- **" + pick(zh ? ZH : EN) + "**: " + sentence(zh, 6)].join("\n")];
  if (i % 3 === 0) blocks.push("```ts\nexport async function handle(request: Request) {\n  const body = await request.json();\n  return Response.json({ ok: true, items: body.items.length });\n}\n```");
  if (i % 5 === 0) blocks.push("| option | value |\n|---|---|\n| `timeout` | 30 s |\n| `retries` | 2 |");
  blocks.push(sentence(zh, 16));
  return blocks.join("\n\n");
}
const question = (i: number) => sentence(i % 2 === 1, 10 + (i % 7));

/** A Parley export of one chat of `exchanges` questions and answers, the last answer holding `marker`. */
function chatFile(title: string, exchanges: number, marker: string) {
  const start = Date.now() - exchanges * 120_000;
  let parentId: string | null = null;
  const messages = [];
  for (let i = 0; i < exchanges * 2; i++) {
    const id = randomUUID();
    const user = i % 2 === 0;
    const text = user ? question(i / 2) : answer((i - 1) / 2) + (i === exchanges * 2 - 1 ? ` ${marker}` : "");
    const at = new Date(start + i * 60_000).toISOString();
    messages.push({
      id, parentId, seq: i + 1, role: user ? "user" : "assistant", parts: [{ type: "text", text }], text, status: "complete",
      model: user ? null : "test-model", finishReason: user ? null : "stop", usage: null, cost: null, error: null, createdAt: at, updatedAt: at,
    });
    parentId = id;
  }
  const at = new Date(start).toISOString();
  return {
    id: randomUUID(), title, titleSource: "user", roleId: null, systemPrompt: null, temperature: null, model: "test-model", modelIsLocal: false,
    pinned: false, headId: parentId, createdAt: at, updatedAt: at, lastMessageAt: messages.at(-1)!.createdAt, role: null, messages, attachments: [],
  };
}

/** Long tasks, and the time from each keystroke to the frame after it, collected in the page from now on. */
async function observe(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __keys: number[]; __stopKeys?: () => void };
    w.__long = [];
    w.__keys = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: "longtask" });
    // From the keystroke (the event's own time stamp) to just after the next frame is drawn:
    // a task queued from requestAnimationFrame runs once that frame is done. (Event Timing's
    // durations were seconds off in headless Chromium while frames were being drawn.)
    w.__stopKeys?.();
    const onInput = (event: Event) => {
      const start = event.timeStamp;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => w.__keys.push(performance.now() - start);
        channel.port2.postMessage(null);
      });
    };
    window.addEventListener("beforeinput", onInput, true);
    w.__stopKeys = () => window.removeEventListener("beforeinput", onInput, true);
  });
}
const collected = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __keys: number[] };
    return { long: w.__long, keys: w.__keys };
  });

/** Waits until the page has run no long task for a second and a half (it has settled after loading). */
async function settle(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let timer = setTimeout(done, 1500);
        const observer = new PerformanceObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, 1500);
        });
        observer.observe({ type: "longtask" });
        function done() {
          observer.disconnect();
          resolve();
        }
      }),
  );
}

/** Waits for a chat page to be showing `marker`, hydrated (its thread scrolled to the end) and settled. */
async function opened(page: Page, marker: string) {
  await page.getByTestId("thread").getByText(marker).waitFor();
  await page.waitForFunction(() => {
    const thread = document.querySelector('[data-testid="thread"]');
    return thread !== null && thread.scrollTop > 0 && thread.scrollHeight - thread.scrollTop - thread.clientHeight < 48;
  });
  await settle(page);
}

/** Streams a Markdown reply of about 10 s into the open chat; longest task and blocking time per 10 s. */
async function streamReply(page: Page) {
  const before = await page.locator("article.finished-message").count();
  await settle(page);
  await observe(page);
  const started = Date.now();
  // The composer by its id: a query by role would walk the whole thread (and be counted).
  await page.locator("#composer").fill(`Explain it once more. [[markdown:${REPLY_TOKENS}]] [[delay:${TOKEN_DELAY_MS}]] [[first-token-delay:0]]`);
  // The reply's stream ending, as the page's Resource Timing reports it: querying the thread
  // while it streams would add the bench's own work (a query over 1,000 messages) to what is measured.
  await page.evaluate(() => {
    const flags = window as unknown as { replyDone: boolean };
    flags.replyDone = false;
    new PerformanceObserver((list, observer) => {
      // The send (POST, no query), not a read of the history (GET …/messages?limit=…).
      const sent = (entry: PerformanceEntry) => {
        const url = new URL(entry.name);
        return url.search === "" && /^\/api\/sessions\/[^/]+\/messages$/.test(url.pathname);
      };
      if (!list.getEntries().some(sent)) return;
      flags.replyDone = true;
      observer.disconnect();
    }).observe({ type: "resource" });
  });
  await page.locator("#composer").press("Enter");
  await page.waitForFunction(() => (window as unknown as { replyDone: boolean }).replyDone, undefined, { timeout: 120_000, polling: 100 });
  await page.waitForFunction((n) => document.querySelectorAll("article.finished-message").length >= n + 2, before, { timeout: 120_000, polling: 100 });
  const seconds = (Date.now() - started) / 1000;
  const { long } = await collected(page);
  const blocking = long.reduce((sum, d) => sum + Math.max(0, d - 50), 0);
  return { longest: Math.max(0, ...long), blockingPer10s: (blocking / seconds) * 10, seconds };
}

/** Keystroke to the frame that shows it, p95 (keys typed a little slower than a fast typist). */
async function typeKeys(page: Page) {
  const box = page.locator("#composer");
  await box.fill("");
  await box.focus();
  await settle(page);
  await observe(page);
  for (let i = 0; i < KEYSTROKES; i++) await page.keyboard.type(i % 2 ? "a" : "好", { delay: 0 }).then(() => page.waitForTimeout(60));
  await page.waitForTimeout(500);
  const { keys } = await collected(page);
  if (keys.length !== KEYSTROKES) throw new Error(`${keys.length} of ${KEYSTROKES} keystrokes were seen`);
  await box.fill("");
  return percentile(keys, 95);
}

/** From a click on a chat in the sidebar to `marker` painted in its thread (after the next frame). */
async function openChat(page: Page, title: string, marker: string): Promise<number> {
  const ms = await page.evaluate(
    ({ title, marker }) =>
      new Promise<number>((resolve) => {
        const link = [...document.querySelectorAll("nav a, aside a")].find((a) => a.textContent?.includes(title)) as HTMLAnchorElement;
        const thread = () => document.querySelector('[data-testid="thread"]');
        const clicked = performance.now();
        const check = () => {
          if (!thread()?.textContent?.includes(marker)) return false;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - clicked)));
          return true;
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        link.click();
        check();
      }),
    { title, marker },
  );
  // Settled: the chat's own live page (not a preview) shows it.
  await page.waitForFunction(
    (marker) => location.pathname.startsWith("/c/") && !document.querySelector("[data-preview]") && document.querySelector('[data-testid="thread"]')?.textContent?.includes(marker),
    marker,
  );
  await page.waitForLoadState("networkidle");
  await settle(page); // the next open starts from a quiet page, as a reader's click does
  return ms;
}

async function main() {
  if (spawnSync(process.execPath, ["scripts/build-if-stale.mjs"], { stdio: "inherit" }).status !== 0) throw new Error("build failed");
  const executablePath = findChromium();
  if (!executablePath) throw new Error("Chromium not found: install Debian's chromium or set CHROMIUM_PATH.");
  const db = await freshTestDatabase();
  const model = await startModelServerProcess(MODEL_PORT);
  let app: Instance | undefined;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    app = await startInstance(APP_PORT, baseEnv({ ...db.env, OPENAI_BASE_URL: model.url, PARLEY_LOG_LEVEL: "warn", PARLEY_RATE_SENDS_PER_USER: "off" }));
    const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 800 } });
    // tsx names the functions this script hands to the page with an `__name` helper the page lacks.
    await context.addInitScript("globalThis.__name = (target) => target");
    const page = await context.newPage();
    await page.goto("/");
    const chats = {
      short: chatFile("Fifty messages 五十条消息", 30, "marker-short"),
      long: chatFile("A thousand messages 一千条消息", 500, "marker-long"),
      other: chatFile("Another chat 另一个对话", 6, "marker-other"),
    };
    const imported = await page.request.post("/api/import", { data: { format: "parley", version: 1, exportedAt: new Date().toISOString(), sessions: Object.values(chats) } });
    if (!imported.ok()) throw new Error(`import failed: ${imported.status()} ${await imported.text()}`);
    const [shortId, longId] = ((await imported.json()) as { sessions: string[] }).sessions;
    console.log(`database: ${db.kind}; Chromium CPU slowed ${THROTTLE}×; replies stream a token every ${TOKEN_DELAY_MS} ms`);

    const cdp = await context.newCDPSession(page);
    const throttle = (rate: number) => cdp.send("Emulation.setCPUThrottlingRate", { rate });

    // 1. A reply into a 50-message view, and keystrokes there.
    await page.goto(`/c/${shortId}`);
    await opened(page, "marker-short");
    await throttle(THROTTLE);
    const keysShort = await typeKeys(page);
    // The first reply after the page loaded pays one-time work (code run for the first time);
    // the next one is what a conversation costs.
    const firstReply = await streamReply(page);
    const short = await streamReply(page);
    await throttle(1);

    // 2. Opening chats seen before, from the sidebar (each was opened once already), to the
    // last reply painted (the short chat now ends with the replies streamed above).
    await page.goto(`/c/${shortId}`);
    await opened(page, "marker-short");
    await openChat(page, chats.other.title, "marker-other");
    await throttle(THROTTLE);
    const opens: number[] = [];
    for (let i = 0; i < SWITCHES; i++) {
      opens.push(await openChat(page, chats.short.title, "Why the stream stays open"));
      await openChat(page, chats.other.title, "marker-other");
    }
    await throttle(1);

    // 3. The 1,000-message thread, every page of it loaded.
    await page.goto(`/c/${longId}`);
    await opened(page, "marker-long");
    const more = page.getByRole("button", { name: /Load earlier/ });
    while (await more.count()) {
      await more.dispatchEvent("click");
      await page.waitForTimeout(300);
    }
    const loaded = await page.locator("article").count();
    await throttle(THROTTLE);
    const keysLong = await typeKeys(page);
    await streamReply(page); // the first reply after this page loaded, as above
    const long = await streamReply(page);
    await throttle(1);

    const rows: Row[] = [
      { figure: "50-message view, first reply after load: longest task", value: firstReply.longest, unit: "ms" },
      { figure: "50-message view, first reply after load: blocking per 10 s", value: firstReply.blockingPer10s, unit: "ms" },
      { figure: "50-message view: longest task while streaming", value: short.longest, unit: "ms", target: { op: "≤", value: 100 } },
      { figure: "50-message view: blocking per 10 s of streaming", value: short.blockingPer10s, unit: "ms", target: { op: "≤", value: 500 } },
      { figure: `${loaded}-message thread: longest task while streaming`, value: long.longest, unit: "ms", target: { op: "≤", value: 100 } },
      { figure: `${loaded}-message thread: blocking per 10 s of streaming`, value: long.blockingPer10s, unit: "ms", target: { op: "≤", value: 500 } },
      { figure: "keystroke to frame p95 (50-message view)", value: keysShort, unit: "ms", target: { op: "≤", value: 50 } },
      { figure: `keystroke to frame p95 (${loaded}-message thread)`, value: keysLong, unit: "ms", target: { op: "≤", value: 50 } },
      { figure: "opening a chat seen before, p50", value: percentile(opens, 50), unit: "ms", target: { op: "≤", value: 100 } },
      { figure: "opening a chat seen before, slowest", value: Math.max(...opens), unit: "ms" },
    ];
    const met = printTable(`bench:ui — Chromium, CPU ${THROTTLE}× slower (a mid-range phone)`, rows);
    process.exitCode = met ? 0 : 1;
  } finally {
    await browser.close();
    await app?.stop();
    model.stop();
    await db.drop();
  }
}

await main();
