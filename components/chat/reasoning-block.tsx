// The model's reasoning, collapsed once it is done (open while it streams), with
// how long the model thought (the server measures it: providerMetadata.parley.thoughtMs).
import { Brain } from "lucide-react";

/** "12 s", "1 min 5 s": how long a model thought. */
export function thoughtFor(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ""}`;
}

export function ReasoningBlock({ text, streaming, thoughtMs }: { text: string; streaming: boolean; thoughtMs?: number }) {
  const label = streaming ? "Thinking…" : thoughtMs === undefined ? "Reasoning" : `Thought for ${thoughtFor(thoughtMs)}`;
  return (
    <details open={streaming} className="group my-2 rounded-lg border bg-card text-sm" data-testid="reasoning">
      <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-2 text-muted-foreground select-none hover:text-foreground">
        <Brain className="size-4" aria-hidden />
        <span>{label}</span>
        <span aria-hidden className="ml-auto text-xs transition-transform group-open:rotate-90">›</span>
      </summary>
      <p className="border-t px-3 py-2 whitespace-pre-wrap text-muted-foreground">{text}</p>
    </details>
  );
}
