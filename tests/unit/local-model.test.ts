import type { LanguageModelV3Prompt, LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { generateText, stepCountIs, streamText, tool, type ModelMessage } from "ai";
import { evaluate } from "mathjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createLocalModel, LOCAL_MODEL_ID } from "@/lib/ai/local-model";

const instant = () => createLocalModel({ tokenDelayMs: 0, firstTokenDelayMs: 0 });

// Simple stand-ins shaped like the app's built-in tools (lib/ai/tools.ts).
const NOW = "Sunday, June 1, 2025 at 12:00:00 PM UTC";
const tools = {
  current_time: tool({
    description: "The current date and time",
    inputSchema: z.object({ timeZone: z.string().optional() }),
    execute: async () => ({ iso: "2025-06-01T12:00:00.000Z", timeZone: "UTC", local: NOW }),
  }),
  calculator: tool({
    description: "Evaluates an arithmetic expression",
    inputSchema: z.object({ expression: z.string() }),
    execute: async ({ expression }) => {
      try {
        return { expression, result: String(evaluate(expression)) };
      } catch (error) {
        return { expression, error: error instanceof Error ? error.message : String(error) };
      }
    },
  }),
};

function userPrompt(text: string): LanguageModelV3Prompt {
  return [{ role: "user", content: [{ type: "text", text }] }];
}

async function readAll(
  stream: ReadableStream<LanguageModelV3StreamPart>,
  onPart: (part: LanguageModelV3StreamPart) => void = () => {},
): Promise<void> {
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) onPart(next.value);
}

const pendingTimeouts = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

afterEach(() => {
  vi.useRealTimers();
});

describe("local model", () => {
  it("identifies itself as a v3 model", () => {
    const model = createLocalModel();
    expect(model).toMatchObject({ specificationVersion: "v3", provider: "parley-local", modelId: LOCAL_MODEL_ID, supportedUrls: {} });
    expect(LOCAL_MODEL_ID).toBe("local");
  });

  it("streams reasoning, then text word by word, and says what it is", async () => {
    const result = streamText({ model: instant(), prompt: "Hello there, what are you?" });
    const types: string[] = [];
    const textDeltas: string[] = [];
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === "text-delta") textDeltas.push(part.text);
    }
    const text = await result.text;

    expect(types.indexOf("reasoning-end")).toBeLessThan(types.indexOf("text-start"));
    expect(await result.reasoningText).toBe("The user wrote 5 words; I will describe what I am and echo them.");
    expect(textDeltas.length).toBeGreaterThan(40);
    expect(textDeltas.join("")).toBe(text);
    // A token is a newline or one word with the whitespace before it.
    for (const delta of textDeltas) expect(delta).toMatch(/^(\n|\s*\S+)$/);

    expect(text).toContain("**Parley local model**");
    expect(text).toContain("it does not understand language");
    expect(text).toContain("`OPENAI_API_KEY`");
    expect(text).toContain("You wrote *5 words*:\n\n> Hello there, what are you?");
    expect(text).toContain("This conversation has 1 message so far.");
    expect(text).toContain("```text\n");
    expect(await result.finishReason).toBe("stop");
  });

  it("gives the same text for the same prompt and a different one for a different prompt", async () => {
    const run = async (prompt: string) => {
      const result = streamText({ model: instant(), prompt });
      return { text: await result.text, reasoning: await result.reasoningText };
    };
    const first = await run("Tell me about Parley");
    expect(await run("Tell me about Parley")).toEqual(first);
    expect((await run("Something else entirely")).text).not.toBe(first.text);
  });

  it("counts the conversation and quotes only the last user message, truncated", async () => {
    const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(" ");
    const messages: ModelMessage[] = [
      { role: "user", content: "First question" },
      { role: "assistant", content: "First answer" },
      { role: "user", content: long },
    ];
    const { text } = await generateText({ model: instant(), system: "You are Parley.", messages });
    expect(text).toContain("You wrote *80 words*:");
    expect(text).toContain("This conversation has 3 messages so far.");
    expect(text).not.toContain("First question");
    const quote = text.split("\n").find((line) => line.startsWith("> "));
    expect(quote).toMatch(/^> word0 word1 .*…$/);
    expect(quote!.length).toBeLessThanOrEqual(2 + 200 + 1);
  });

  it("counts words in Chinese, where no spaces separate them", async () => {
    const { text } = await generateText({ model: instant(), prompt: "我想学习机器学习" });
    expect(text).not.toContain("You wrote *1 word*");
    expect(text).toMatch(/You wrote \*[2-9] words\*/);
  });

  it("generateText returns the same content as streamText, without delays", async () => {
    // Pacing must not apply to doGenerate: with a minute per token, a paced generate would
    // outlive the test's timeout (no wall-clock bound here: CI shares 2 busy cores).
    const model = createLocalModel({ tokenDelayMs: 60_000, firstTokenDelayMs: 60_000 });
    const generated = await generateText({ model, prompt: "Same content?" });
    const streamed = streamText({ model: instant(), prompt: "Same content?" });
    expect(generated.text).toBe(await streamed.text);
    expect(generated.reasoningText).toBe(await streamed.reasoningText);
    expect(generated.finishReason).toBe("stop");
  });

  it("reports consistent usage", async () => {
    const prompt = "How many tokens is this prompt?";
    const result = streamText({ model: instant(), prompt });
    let textDeltas = 0;
    let reasoningDeltas = 0;
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") textDeltas++;
      if (part.type === "reasoning-delta") reasoningDeltas++;
    }
    const usage = await result.usage;
    expect(usage.inputTokens).toBe(Math.ceil(prompt.length / 4));
    expect(usage.inputTokenDetails).toEqual({ noCacheTokens: usage.inputTokens, cacheReadTokens: 0, cacheWriteTokens: 0 });
    expect(usage.outputTokenDetails).toEqual({ textTokens: textDeltas, reasoningTokens: reasoningDeltas });
    expect(reasoningDeltas).toBeGreaterThan(0);
    expect(usage.outputTokens).toBe(textDeltas + reasoningDeltas);
    expect(usage.totalTokens).toBe(usage.inputTokens! + usage.outputTokens!);

    const generated = await generateText({ model: instant(), prompt });
    expect(generated.usage).toEqual(usage);
  });

  it("calls the calculator for arithmetic and reports its result", async () => {
    const result = streamText({ model: instant(), prompt: "what is 12 * (3 + 4)?", tools, stopWhen: stepCountIs(3) });
    const types = new Set<string>();
    for await (const part of result.fullStream) types.add(part.type);
    const steps = await result.steps;

    expect(types).toContain("tool-input-delta");
    expect(steps).toHaveLength(2);
    expect(steps[0]?.finishReason).toBe("tool-calls");
    expect(steps[0]?.toolCalls).toMatchObject([{ toolName: "calculator", input: { expression: "12 * (3 + 4)" } }]);
    expect(steps[0]?.toolResults).toMatchObject([{ toolName: "calculator", output: { result: "84" } }]);
    expect(await result.text).toBe("The calculator says `12 * (3 + 4)` = **84**.");
    expect(await result.finishReason).toBe("stop");
  });

  it("passes on a tool's reported failure instead of making up a result", async () => {
    const result = await generateText({ model: instant(), prompt: "and 1 / (2 + ) ?", tools, stopWhen: stepCountIs(3) });
    expect(result.steps[0]?.toolCalls).toMatchObject([{ toolName: "calculator" }]);
    expect(result.text).toMatch(/^The `calculator` tool failed: `.+`\.$/);
  });

  it("calls current_time when asked for the time and reports the answer", async () => {
    const result = await generateText({ model: instant(), prompt: "What time is it?", tools, stopWhen: stepCountIs(3) });
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]?.toolCalls).toMatchObject([{ toolName: "current_time", input: {} }]);
    expect(result.text).toBe(`It is **${NOW}** (from the \`current_time\` tool).`);
    expect(result.reasoningText).toContain("current_time");
  });

  it("suggests only the tools this chat offers, as a markdown list", async () => {
    const withTools = await generateText({ model: instant(), prompt: "Hi", tools });
    expect(withTools.text).toContain("Things to try:\n\n- `what is 12 * (3 + 4)?` calls the calculator tool\n- `what time is it?` calls");
    const withoutTools = await generateText({ model: instant(), prompt: "Hi" });
    expect(withoutTools.text).not.toContain("Things to try");
    expect(withoutTools.text).not.toContain("calculator");
  });

  it("calls no tool that is not offered, not triggered, or ruled out by toolChoice", async () => {
    const noTools = await generateText({ model: instant(), prompt: "what is 2 + 2?" });
    const unrelated = await generateText({ model: instant(), prompt: "Tell me a story", tools, stopWhen: stepCountIs(3) });
    const ruledOut = await generateText({ model: instant(), prompt: "what is 2 + 2?", tools, toolChoice: "none" });
    for (const result of [noTools, unrelated, ruledOut]) {
      expect(result.steps).toHaveLength(1);
      expect(result.toolCalls).toEqual([]);
      expect(result.text).toContain("**Parley local model**");
    }
  });

  it("paces tokens deterministically from the prompt", async () => {
    vi.useFakeTimers();
    const timeline = async (text: string) => {
      const model = createLocalModel({ tokenDelayMs: 20, firstTokenDelayMs: 300 });
      const started = Date.now();
      const { stream } = await model.doStream({ prompt: userPrompt(text) });
      const done = (async () => {
        const times: Array<{ type: string; at: number }> = [];
        await readAll(stream, (part) => times.push({ type: part.type, at: Date.now() - started }));
        return times;
      })();
      await vi.runAllTimersAsync();
      return done;
    };

    const first = await timeline("pace me");
    const tokens = first.filter((p) => p.type.endsWith("-delta"));
    expect(first.find((p) => p.type !== "stream-start" && p.type !== "response-metadata")?.at).toBe(0);
    expect(tokens[0]?.at).toBe(300);
    for (let i = 1; i < tokens.length; i++) {
      const gap = tokens[i]!.at - tokens[i - 1]!.at;
      expect(gap).toBeGreaterThanOrEqual(16);
      expect(gap).toBeLessThanOrEqual(24);
    }
    expect(await timeline("pace me")).toEqual(first);
    expect(await timeline("pace me differently")).not.toEqual(first);
  });

  it("streams in real time: first token after firstTokenDelayMs, then about tokenDelayMs per token", async () => {
    const timersBefore = pendingTimeouts();
    const model = createLocalModel({ tokenDelayMs: 20, firstTokenDelayMs: 150 });
    const started = performance.now();
    let firstDelta: number | undefined;
    let tokens = 0;
    const result = streamText({ model, prompt: "How fast do you type?" });
    for await (const part of result.fullStream) {
      if (part.type !== "reasoning-delta" && part.type !== "text-delta") continue;
      firstDelta ??= performance.now() - started;
      if (++tokens === 30) break; // leaving the loop cancels the rest of the stream
    }
    const elapsed = performance.now() - started;
    expect(firstDelta).toBeGreaterThanOrEqual(145); // timers may fire a millisecond early
    // 29 gaps of 20 ms ± 20% jitter after the first token.
    expect(elapsed).toBeGreaterThanOrEqual(150 + 29 * 16 - 10);
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(pendingTimeouts()).toBe(timersBefore);
  });

  it("stops promptly on abort through streamText, leaving no timers behind", async () => {
    const timersBefore = pendingTimeouts();
    const controller = new AbortController();
    const model = createLocalModel({ tokenDelayMs: 50, firstTokenDelayMs: 0 });
    const result = streamText({ model, prompt: "A long reply, please", abortSignal: controller.signal });
    const started = performance.now();
    let deltasAfterAbort = 0;
    let sawAbort = false;
    for await (const part of result.fullStream) {
      if (part.type === "abort") sawAbort = true;
      if (part.type !== "reasoning-delta") continue;
      if (controller.signal.aborted) deltasAfterAbort++;
      else controller.abort();
    }
    expect(sawAbort).toBe(true);
    expect(deltasAfterAbort).toBe(0);
    expect(performance.now() - started).toBeLessThan(3_000); // the full reply would take ~5 s
    expect(pendingTimeouts()).toBe(timersBefore);
  });

  it("errors the raw stream with an AbortError on abort, and cleans up on cancel", async () => {
    const timersBefore = pendingTimeouts();
    const model = createLocalModel({ tokenDelayMs: 50, firstTokenDelayMs: 50 });

    const controller = new AbortController();
    const aborted = (await model.doStream({ prompt: userPrompt("abort me"), abortSignal: controller.signal })).stream.getReader();
    expect((await aborted.read()).value?.type).toBe("stream-start");
    expect(pendingTimeouts()).toBeGreaterThan(timersBefore); // waiting for the next token
    controller.abort();
    await expect(aborted.read()).rejects.toMatchObject({ name: "AbortError" });
    expect(pendingTimeouts()).toBe(timersBefore);

    const cancelled = (await model.doStream({ prompt: userPrompt("cancel me") })).stream.getReader();
    await cancelled.read();
    await cancelled.cancel();
    expect(pendingTimeouts()).toBe(timersBefore);

    const preAborted = await model.doStream({ prompt: userPrompt("too late"), abortSignal: AbortSignal.abort() });
    await expect(readAll(preAborted.stream)).rejects.toMatchObject({ name: "AbortError" });
    await expect(model.doGenerate({ prompt: userPrompt("too late"), abortSignal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});

describe("attachments", () => {
  it("names each attached file with its type and size, and quotes the first words of text files", async () => {
    const { text } = await generateText({
      model: instant(),
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "what did I send?" },
            { type: "file", mediaType: "image/png", filename: "截图.png", data: new Uint8Array(3 * 1024) },
            { type: "text", text: '<attachment name="notes.md" type="text/markdown" size="2048">\n# 会议记录 Meeting notes\nWe agreed to ship on Friday.\n</attachment>' },
          ],
        },
      ],
    });
    expect(text).toContain("You wrote *4 words*:");
    expect(text).toContain("You attached 2 files:");
    expect(text).toContain("- **截图.png** (image/png, 3 KB): an image; I cannot see it, a vision model would.");
    expect(text).toContain("- **notes.md** (text/markdown, 2 KB), which begins:");
    expect(text).toContain("> # 会议记录 Meeting notes We agreed to ship on Friday.");
    // The file's text is not echoed as if the user had written it.
    expect(text).not.toContain("You wrote *12");
  });
});
