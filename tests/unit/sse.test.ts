import { afterEach, describe, expect, it, vi } from "vitest";
import { keptAlive, sseBytes } from "@/lib/http/sse";

afterEach(() => vi.useRealTimers());

/** What has been enqueued so far, as text. */
function recorder() {
  const decoder = new TextDecoder();
  let text = "";
  const controller = { enqueue: (bytes: Uint8Array) => void (text += decoder.decode(bytes)) } as unknown as ReadableStreamDefaultController<Uint8Array>;
  return { controller, text: () => text };
}

describe("keep-alive comments", () => {
  it("are sent every 15 s, and no longer once stopped", () => {
    vi.useFakeTimers();
    const { controller, text } = recorder();
    const alive = keptAlive(controller);
    vi.advanceTimersByTime(14_999);
    expect(text()).toBe("");
    vi.advanceTimersByTime(1);
    expect(text()).toBe(": keep-alive\n\n");
    vi.advanceTimersByTime(15_000);
    expect(text()).toBe(": keep-alive\n\n: keep-alive\n\n");
    alive.stop();
    vi.advanceTimersByTime(60_000);
    expect(text()).toBe(": keep-alive\n\n: keep-alive\n\n");
  });

  it("come between the frames of a text stream turned into bytes", async () => {
    vi.useFakeTimers();
    let source!: ReadableStreamDefaultController<string>;
    const bytes = sseBytes(new ReadableStream<string>({ start: (controller) => void (source = controller) }));
    const body = new Response(bytes).text();
    source.enqueue("data: 一\n\n");
    await vi.advanceTimersByTimeAsync(16_000);
    source.enqueue("data: [DONE]\n\n");
    source.close();
    await vi.runAllTimersAsync();
    expect(await body).toBe("data: 一\n\n: keep-alive\n\ndata: [DONE]\n\n");
  });
});
