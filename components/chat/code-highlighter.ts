// Streamdown's code plugin with the highlighting done in a Web Worker
// (highlight.worker.ts): tokenizing code, and above all compiling a language's
// grammar the first time it is seen, never blocks typing or a streaming reply
// (a reply's first TypeScript block held a phone-class CPU for over a second).
// Code shows plain until its tokens come back; finished blocks are remembered
// here, so a chat drawn again is highlighted at once.
import { code, type CodeHighlighterPlugin, type HighlightOptions, type HighlightResult } from "@streamdown/code";

export type HighlightRequest = { id: number; options: HighlightOptions };
export type HighlightReply = { id: number; result: HighlightResult };

/** Finished blocks' tokens, the most recently used last; at most this much code in all. */
const remembered = new Map<string, { result: HighlightResult; size: number }>();
const REMEMBERED_CHARACTERS = 500_000;
let rememberedSize = 0;
const waiting = new Map<number, { options: HighlightOptions; deliver: (result: HighlightResult) => void }>();
let worker: Worker | null = null;
/** The worker could not start (a stricter Content-Security-Policy in front, say): highlight here, as Streamdown would. */
let noWorker = typeof Worker === "undefined";
let nextId = 0;

function themeName(theme: HighlightOptions["themes"][number]): string {
  return typeof theme === "string" ? theme : (theme.name ?? "custom");
}

const keyOf = (options: HighlightOptions) => `${options.language}\u0000${options.themes.map(themeName).join("\u0000")}\u0000${options.code}`;

function forget(key: string): void {
  rememberedSize -= remembered.get(key)?.size ?? 0;
  remembered.delete(key);
}

function remember(key: string, result: HighlightResult): void {
  forget(key);
  remembered.set(key, { result, size: key.length });
  rememberedSize += key.length;
  while (rememberedSize > REMEMBERED_CHARACTERS && remembered.size > 1) forget(remembered.keys().next().value!);
}

function startWorker(): Worker {
  const started = new Worker(new URL("./highlight.worker.ts", import.meta.url), { type: "module" });
  started.onmessage = ({ data }: MessageEvent<HighlightReply>) => {
    const request = waiting.get(data.id);
    waiting.delete(data.id);
    request?.deliver(data.result);
  };
  started.onerror = () => {
    noWorker = true;
    started.terminate();
    for (const { options, deliver } of waiting.values()) {
      const ready = code.highlight(options, deliver);
      if (ready) deliver(ready);
    }
    waiting.clear();
  };
  return started;
}

export const codeHighlighter: CodeHighlighterPlugin = {
  ...code,
  highlight(options, callback) {
    if (!worker && !noWorker) {
      try {
        worker = startWorker();
      } catch {
        noWorker = true;
      }
    }
    if (noWorker) return code.highlight(options, callback);
    const key = keyOf(options);
    const known = remembered.get(key)?.result;
    if (known) {
      remember(key, known);
      return known;
    }
    const id = ++nextId;
    const deliver = (result: HighlightResult) => {
      // A streaming block's tokens are superseded by its next update.
      if (!options.isIncomplete) remember(key, result);
      callback?.(result);
    };
    waiting.set(id, { options, deliver });
    worker!.postMessage({ id, options } satisfies HighlightRequest);
    return null;
  },
};
