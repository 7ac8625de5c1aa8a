// npm run bench:sdk-floor — what one streamed token costs in CPU at each layer
// of the stack a reply passes through, before Parley adds anything: the wire
// (fetch, SSE parsing, JSON.parse: the baseline), the OpenAI provider's
// doStream, streamText's fullStream, and its UI message stream as
// lib/chat/model-reply.ts uses it. All in this one thread, against the project's
// model server in its own process, at the streaming benchmark's pace per reply
// (20 tokens a second) but with few replies, so the thread is never saturated
// and chunks are not bunched. Figures are printed; nothing is asserted.
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { streamText } from "ai";
import { pathToFileURL } from "node:url";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { openAiDelta, percentile, printTable, startModelServerProcess } from "./support";

const REPLIES = Number(process.env.BENCH_REPLIES ?? 20);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 100);
const ROUNDS = 3;
const TOKEN_DELAY_MS = Number(process.env.BENCH_TOKEN_DELAY_MS ?? 50);
const MODEL_PORT = 4251;

type Layer = (prompt: string) => Promise<number>;

/** CPU of this thread per token while `replies` replies of `tokens` tokens stream through `layer`, started over `rampMs`. */
async function measure(layer: Layer, replies: number, tokens: number, rampMs = 0): Promise<number> {
  const prompt = `benchmark [[tokens:${tokens}]] [[delay:${TOKEN_DELAY_MS}]]`;
  const before = process.cpuUsage();
  const started = (i: number) => new Promise((resolve) => setTimeout(resolve, (i * rampMs) / replies));
  const counts = await Promise.all(Array.from({ length: replies }, (_, i) => started(i).then(() => layer(prompt))));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / counts.reduce((sum, n) => sum + n, 0);
}

/**
 * The SDK's floor: µs of CPU per token of streamText's UI message stream, as Parley uses it,
 * under the same load as the one it is compared with (replies started over `rampMs`, as
 * bench:streaming starts them): per-token cost falls as more chunks arrive together.
 */
export async function uiMessageStreamFloor(modelUrl: string, load: { replies: number; tokens: number; rampMs: number }): Promise<number> {
  const chat = createOpenAICompatible({ name: "bench", baseURL: modelUrl, apiKey: "bench", includeUsage: true }).chatModel("test-model");
  const layer: Layer = async (prompt) => {
    const result = streamText({ model: chat, prompt });
    let tokens = 0;
    for await (const chunk of result.toUIMessageStream({ sendReasoning: true })) if (chunk.type === "text-delta") tokens++;
    return tokens;
  };
  await measure(layer, 4, 20);
  return measure(layer, load.replies, load.tokens, load.rampMs);
}

async function main() {
  const model = await startModelServerProcess(MODEL_PORT);
  // As Parley reaches any server that is not OpenAI itself; one model instance, built once.
  const chat = createOpenAICompatible({ name: "bench", baseURL: model.url, apiKey: "bench", includeUsage: true }).chatModel("test-model");
  const layers: Array<[string, Layer]> = [
    [
      "wire: fetch, SSE parsing, JSON.parse",
      async (prompt) => {
        const response = await fetch(`${model.url}/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ model: "test-model", stream: true, messages: [{ role: "user", content: prompt }] }),
        });
        let tokens = 0;
        for await (const event of response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream())) {
          if (event.data !== "[DONE]" && openAiDelta(event.data)) tokens++;
        }
        return tokens;
      },
    ],
    [
      "@ai-sdk/openai-compatible doStream",
      async (prompt) => {
        const { stream } = await chat.doStream({ prompt: [{ role: "user", content: [{ type: "text", text: prompt }] }] });
        let tokens = 0;
        for await (const part of stream) if (part.type === "text-delta") tokens++;
        return tokens;
      },
    ],
    [
      "streamText fullStream",
      async (prompt) => {
        const result = streamText({ model: chat, prompt });
        let tokens = 0;
        for await (const part of result.fullStream) if (part.type === "text-delta") tokens++;
        return tokens;
      },
    ],
    [
      "streamText UI message stream (as Parley)",
      async (prompt) => {
        const result = streamText({ model: chat, prompt });
        let tokens = 0;
        const chunks = result.toUIMessageStream({ sendReasoning: true, onFinish: () => {} });
        for await (const chunk of chunks) if (chunk.type === "text-delta") tokens++;
        return tokens;
      },
    ],
  ];

  try {
    console.log(`${REPLIES} replies at once, ${TOKENS} tokens each at ${Math.round(1000 / TOKEN_DELAY_MS)} tokens/s, per layer; median of ${ROUNDS} rounds`);
    for (const [, layer] of layers) await measure(layer, 4, 20); // warm up: load and compile every layer first
    // Rounds interleave the layers, so a slow moment of the machine does not land on one of them.
    const samples: number[][] = layers.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, [, layer]] of layers.entries()) samples[i]!.push(await measure(layer, REPLIES, TOKENS));
    }
    const costs = samples.map((values) => percentile(values, 50));
    const baseline = costs[0]!;
    printTable(
      "CPU per streamed token, by layer (one thread)",
      layers.flatMap(([name], i) => [
        { figure: name, value: costs[i]!, unit: "µs" },
        ...(i === 0 ? [] : [{ figure: `${name} ÷ wire`, value: costs[i]! / baseline, unit: "×" }]),
      ]),
    );
    const ui = costs[costs.length - 1]!;
    console.log(`\nAt 4,000 tokens/s (200 replies × 20 tokens/s) the UI message stream alone needs ${((ui * 4000) / 1e6).toFixed(2)} cores.`);
  } finally {
    model.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await main();
  process.exit(0);
}
