"use client";
// Theme switch: the system's (the default), light or dark. A click moves on to the next of
// system → light → dark → system; the page starts in the theme THEME_SCRIPT chose.
import { Monitor, Moon, Sun } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { applyTheme, THEME_KEY, type Theme } from "../lib/theme";
import { readStored, useStored, writeStored } from "../lib/storage";
import { IconButton } from "./icon-button";

type Choice = Theme | "system";
const NEXT: Record<Choice, Choice> = { system: "light", light: "dark", dark: "system" };
const ICON = { light: Sun, dark: Moon, system: Monitor };

export function ThemeToggle() {
  const t = useTranslations("theme");
  const stored = useStored(THEME_KEY);
  const choice: Choice = stored === "light" || stored === "dark" ? stored : "system";

  // While the system decides, follow it when it changes (a laptop going into night mode).
  useEffect(() => {
    if (choice !== "system") return;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    // Read again: during hydration `stored` is null whatever was chosen.
    const follow = () => readStored(THEME_KEY) === null && applyTheme(media.matches ? "dark" : "light");
    follow();
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, [choice]);

  const next = NEXT[choice];
  const Icon = ICON[next];
  return (
    <IconButton
      label={t(next)}
      onClick={() => {
        writeStored(THEME_KEY, next === "system" ? null : next);
        if (next !== "system") applyTheme(next);
      }}
    >
      <Icon className="size-4" aria-hidden />
    </IconButton>
  );
}
