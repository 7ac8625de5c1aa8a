// A tool call and its result as a compact card; the full input and output unfold.
import { getToolName, type DynamicToolUIPart, type ToolUIPart } from "ai";
import { CircleAlert, LoaderCircle, Wrench } from "lucide-react";
import { useTranslations } from "next-intl";

type ToolPart = ToolUIPart | DynamicToolUIPart;

const json = (value: unknown) => JSON.stringify(value, null, 2);

type Translate = ReturnType<typeof useTranslations<"tool">>;

/** A one-line summary: the result's `result` or `error` field when it has one. */
function summary(part: ToolPart, t: Translate): string {
  if (part.state === "output-error") return part.errorText;
  if (part.state !== "output-available") return t("running");
  const output = part.output as { result?: unknown; error?: unknown } | null;
  if (output && typeof output === "object" && "error" in output) return t("error", { message: String(output.error) });
  if (output && typeof output === "object" && "result" in output) return `= ${String(output.result)}`;
  return typeof output === "string" ? output : json(output);
}

export function ToolCard({ part }: { part: ToolPart }) {
  const t = useTranslations("tool");
  const name = getToolName(part);
  const failed = part.state === "output-error";
  const done = part.state === "output-available" || failed;
  return (
    <details className="my-2 rounded-lg border bg-card text-sm" data-testid="tool-card">
      <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-2 select-none">
        {failed ? (
          <CircleAlert className="size-4 text-danger" aria-hidden />
        ) : done ? (
          <Wrench className="size-4 text-muted-foreground" aria-hidden />
        ) : (
          <LoaderCircle className="size-4 animate-spin text-muted-foreground" aria-hidden />
        )}
        <span className="font-mono text-xs font-medium">{name}</span>
        <span className="truncate font-mono text-xs text-muted-foreground">{summary(part, t)}</span>
      </summary>
      <div className="grid gap-2 border-t px-3 py-2 font-mono text-xs">
        <div>
          <div className="mb-1 text-muted-foreground">{t("input")}</div>
          <pre className="overflow-x-auto whitespace-pre-wrap">{json(part.input)}</pre>
        </div>
        {part.state === "output-available" && (
          <div>
            <div className="mb-1 text-muted-foreground">{t("output")}</div>
            <pre className="overflow-x-auto whitespace-pre-wrap">{json(part.output)}</pre>
          </div>
        )}
      </div>
    </details>
  );
}
