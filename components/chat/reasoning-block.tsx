// The model's reasoning, collapsed once it is done (open while it streams), with
// how long the model thought (the server measures it: providerMetadata.parley.thoughtMs).
import { Brain } from "lucide-react";
import { useTranslations } from "next-intl";

export function ReasoningBlock({ text, streaming, thoughtMs }: { text: string; streaming: boolean; thoughtMs?: number }) {
  const t = useTranslations("reasoning");
  // At least a second; the catalogue says it in minutes and seconds ("12 s", "1 min 5 s").
  const total = Math.max(1, Math.round((thoughtMs ?? 0) / 1000));
  const label = streaming ? t("thinking") : thoughtMs === undefined ? t("reasoning") : t("thoughtFor", { minutes: Math.floor(total / 60), seconds: total % 60 });
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
