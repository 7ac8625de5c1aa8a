// Shared pieces of the benchmarks: the model server and Parley as separate
// processes, an SSE reader that timestamps chunks, percentiles, and a table.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { EventSourceParserStream } from "eventsource-parser/stream";

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Starts the project's model server in its own process (so its timers do not share our event loop). */
export async function startModelServerProcess(port: number): Promise<{ url: string; stop(): void }> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "tests/support/model-server-cli.ts", "--port", String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`model server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/v1`, stop: () => child.kill("SIGTERM") };
}

export type StreamTiming = { ok: boolean; firstTokenMs: number; gapsMs: number[]; tokens: number; text: string; error?: string };

/** Reads an SSE response, timing each content chunk from `startedAt`. `delta` picks a chunk's text out of a frame. */
export async function timeStream(response: Response, startedAt: number, delta: (data: string) => string | null): Promise<StreamTiming> {
  const events = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  let first = NaN;
  let last = NaN;
  const gaps: number[] = [];
  let tokens = 0;
  let text = "";
  let failed = !response.ok;
  let error = failed ? `HTTP ${response.status}` : undefined;
  for await (const event of events) {
    if (event.data === "[DONE]") break;
    if (event.data.includes('"type":"error"')) {
      failed = true;
      error = (JSON.parse(event.data) as { errorText?: string }).errorText;
    }
    const piece = delta(event.data);
    if (piece === null) continue;
    const now = performance.now();
    if (Number.isNaN(first)) first = now - startedAt;
    else gaps.push(now - last);
    last = now;
    tokens++;
    text += piece;
  }
  return { ok: !failed, firstTokenMs: first, gapsMs: gaps, tokens, text, error };
}

/** A Chat Completions chunk's content (direct to the model server). */
export function openAiDelta(data: string): string | null {
  const chunk = JSON.parse(data) as { choices?: Array<{ delta?: { content?: string } }> };
  return chunk.choices?.[0]?.delta?.content ?? null;
}

/** A UI message stream text-delta (through Parley). */
export function uiDelta(data: string): string | null {
  const chunk = JSON.parse(data) as { type: string; delta?: string };
  return chunk.type === "text-delta" ? (chunk.delta ?? "") : null;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** A process's command name and the fields of /proc/PID/stat after it (fields[11] is utime). */
function procStat(pid: number | string): { name: string; fields: string[] } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const end = stat.lastIndexOf(")");
  return { name: stat.slice(stat.indexOf("(") + 1, end), fields: stat.slice(end + 2).split(" ") };
}

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
export function processUsage(pid: number): { cpuSeconds: number; rssBytes: number } {
  const { fields } = procStat(pid);
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return { cpuSeconds, rssBytes: Number(rss?.[1] ?? 0) * 1024 };
}

export type Row = { figure: string; value: number; unit: string; target?: { op: "≤" | "≥" | "="; value: number } };

export function printTable(title: string, rows: Row[]): boolean {
  console.log(`\n${title}\n`);
  console.log("| figure | value | target | |");
  console.log("|---|---:|---:|---|");
  let allMet = true;
  for (const row of rows) {
    const value = Number.isInteger(row.value) ? String(row.value) : row.value.toFixed(row.value < 10 ? 2 : 1);
    let target = "";
    let mark = "";
    if (row.target) {
      const met = row.target.op === "≤" ? row.value <= row.target.value : row.target.op === "≥" ? row.value >= row.target.value : row.value === row.target.value;
      allMet &&= met;
      target = `${row.target.op} ${row.target.value} ${row.unit}`;
      mark = met ? "✓" : "✗";
    }
    console.log(`| ${row.figure} | ${value} ${row.unit} | ${target} | ${mark} |`);
  }
  return allMet;
}

/** CPU seconds used so far by the PostgreSQL server on this machine: every `postgres` process, with its exited children. */
export function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { name, fields } = procStat(entry);
      if (name !== "postgres") continue;
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / CLOCK_TICKS;
}
