"use client";
// Usage since the period began: tokens per day as a chart, tokens and cost per model, and a reset.
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { api } from "../lib/api";
import { useErrorMessage } from "../lib/use-error-message";
import { useClientNow } from "../lib/use-client-now";
import { ConfirmDialog } from "../ui/dialog";
import { Section, SectionError } from "./section";
import type { StatsView } from "@/lib/stats";

type Day = StatsView["byDay"][number];

const DAYS_SHOWN = 30;
const DAY_MS = 24 * 3600 * 1000;

/** The last 30 UTC days, each with its usage (0 where nothing happened). */
type DayUsage = { day: string; input: number; output: number; cost: number };

function lastDays(byDay: Day[], now: number): DayUsage[] {
  const seen = new Map(byDay.map((d) => [d.day, d]));
  return Array.from({ length: DAYS_SHOWN }, (_, i) => {
    const day = new Date(now - (DAYS_SHOWN - 1 - i) * DAY_MS).toISOString().slice(0, 10);
    const row = seen.get(day);
    return { day, input: row?.inputTokens ?? 0, output: row?.outputTokens ?? 0, cost: row?.cost ?? 0 };
  });
}

/** Numbers and dollars in the reader's language. */
function useFigures() {
  const format = useFormatter();
  return {
    number: (n: number) => format.number(n),
    money: (n: number) => (n === 0 ? "—" : format.number(n, { style: "currency", currency: "USD", maximumFractionDigits: n < 0.01 ? 4 : 2 })),
  };
}

export function UsageSettings() {
  const t = useTranslations("settings.usage");
  const format = useFormatter();
  const describe = useErrorMessage();
  const { number, money } = useFigures();
  const [stats, setStats] = useState<StatsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  const now = useClientNow();

  useEffect(() => {
    api<StatsView>("/api/stats").then(setStats, (err) => setError(describe(err)));
  }, [describe]);

  async function reset() {
    setResetting(false);
    try {
      setStats(await api<StatsView>("/api/stats/reset", { method: "POST" }));
    } catch (err) {
      setError(describe(err));
    }
  }

  const since = stats ? format.dateTime(new Date(stats.since), { dateStyle: "medium" }) : "…";
  return (
    <Section id="usage" title={t("title")} description={t("description", { date: since })}>
      {stats && (
        <>
          <dl className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
            {[
              [t("replies"), number(stats.totals.replies)],
              [t("inputTokens"), number(stats.totals.inputTokens)],
              [t("outputTokens"), number(stats.totals.outputTokens)],
              [t("cost"), money(stats.totals.cost)],
            ].map(([label, value]) => (
              <div key={label} className="rounded-lg border px-3 py-2">
                <dt className="text-xs text-muted-foreground">{label}</dt>
                <dd className="text-lg font-semibold tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
          {now !== null && <TokensChart days={lastDays(stats.byDay, now)} />}
          {stats.byModel.length > 0 && (
            <table className="mt-4 w-full text-sm">
              <caption className="sr-only">{t("perModel")}</caption>
              <thead className="text-left text-xs text-muted-foreground">
                <tr>
                  <th className="py-1 font-medium">{t("model")}</th>
                  <th className="py-1 text-right font-medium">{t("replies")}</th>
                  <th className="py-1 text-right font-medium">{t("tokens")}</th>
                  <th className="py-1 text-right font-medium">{t("cost")}</th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {stats.byModel.map((row) => (
                  <tr key={row.model ?? ""} className="border-t">
                    <td className="py-1.5 break-all">{row.model ?? "—"}</td>
                    <td className="py-1.5 text-right">{number(row.replies)}</td>
                    <td className="py-1.5 text-right">{number(row.inputTokens + row.outputTokens)}</td>
                    <td className="py-1.5 text-right">{money(row.cost)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <button type="button" onClick={() => setResetting(true)} className="mt-4 h-9 rounded-md border px-3 text-sm font-medium hover:bg-muted">
            {t("reset")}
          </button>
        </>
      )}
      <SectionError message={error} />
      <ConfirmDialog
        open={resetting}
        title={t("resetTitle")}
        message={t("resetText")}
        confirmLabel={t("resetConfirm")}
        onConfirm={() => void reset()}
        onClose={() => setResetting(false)}
      />
    </Section>
  );
}

/** Input and output tokens per day, stacked bars; the same figures as a table for screen readers. */
function TokensChart({ days }: { days: DayUsage[] }) {
  const t = useTranslations("settings.usage");
  const { number, money } = useFigures();
  const max = Math.max(1, ...days.map((d) => d.input + d.output));
  return (
    <figure>
      <figcaption className="mb-2 flex items-center gap-3 text-xs text-muted-foreground">
        <span>{t("chartTitle", { days: DAYS_SHOWN })}</span>
        <span className="ml-auto flex items-center gap-1">
          <span aria-hidden className="inline-block size-2.5 rounded-sm bg-accent" /> {t("input")}
        </span>
        <span className="flex items-center gap-1">
          <span aria-hidden className="inline-block size-2.5 rounded-sm bg-accent/40" /> {t("output")}
        </span>
      </figcaption>
      <div aria-hidden data-testid="usage-chart" className="flex h-32 items-end gap-0.5 border-b">
        {days.map((d) => (
          <div key={d.day} title={t("bar", { day: d.day, input: number(d.input), output: number(d.output), cost: money(d.cost) })} className="flex h-full min-w-0 flex-1 flex-col justify-end">
            <div className="bg-accent/40" style={{ height: `${(d.output / max) * 100}%` }} />
            <div className="bg-accent" style={{ height: `${(d.input / max) * 100}%` }} />
          </div>
        ))}
      </div>
      <div aria-hidden className="mt-1 flex justify-between text-xs text-muted-foreground">
        <span>{days[0]!.day}</span>
        <span>{days.at(-1)!.day}</span>
      </div>
      <table className="sr-only">
        <caption>{t("perDay")}</caption>
        <thead>
          <tr>
            <th>{t("day")}</th>
            <th>{t("inputTokens")}</th>
            <th>{t("outputTokens")}</th>
            <th>{t("cost")}</th>
          </tr>
        </thead>
        <tbody>
          {days
            .filter((d) => d.input + d.output > 0)
            .map((d) => (
              <tr key={d.day} data-testid="usage-day">
                <td>{d.day}</td>
                <td>{d.input}</td>
                <td>{d.output}</td>
                <td>{money(d.cost)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </figure>
  );
}
