// The model's reasoning, collapsed once it is done (open while it streams).
import { Brain } from "lucide-react";

export function ReasoningBlock({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <details open={streaming} className="group my-2 rounded-lg border bg-card text-sm" data-testid="reasoning">
      <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-2 text-muted-foreground select-none hover:text-foreground">
        <Brain className="size-4" aria-hidden />
        <span>{streaming ? "Thinking…" : "Reasoning"}</span>
        <span aria-hidden className="ml-auto text-xs transition-transform group-open:rotate-90">›</span>
      </summary>
      <p className="border-t px-3 py-2 whitespace-pre-wrap text-muted-foreground">{text}</p>
    </details>
  );
}
