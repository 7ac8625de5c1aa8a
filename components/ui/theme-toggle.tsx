"use client";
// Light/dark switch. The page starts in the theme THEME_SCRIPT chose (the stored
// choice, else the system's); a click stores an explicit choice.
import { Moon, Sun } from "lucide-react";
import { useSyncExternalStore } from "react";
import { applyTheme, THEME_KEY } from "../lib/theme";
import { readStored, writeStored } from "../lib/storage";
import { IconButton } from "./icon-button";

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  // Follow the system while the user has not chosen.
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const followSystem = () => readStored(THEME_KEY) === null && applyTheme(media.matches ? "dark" : "light");
  media.addEventListener("change", followSystem);
  return () => {
    observer.disconnect();
    media.removeEventListener("change", followSystem);
  };
}

const isDark = () => document.documentElement.classList.contains("dark");

export function ThemeToggle() {
  const dark = useSyncExternalStore(subscribe, isDark, () => false);
  const next = dark ? "light" : "dark";
  return (
    <IconButton
      label={`Switch to ${next} theme`}
      onClick={() => {
        writeStored(THEME_KEY, next);
        applyTheme(next);
      }}
    >
      {dark ? <Sun className="size-4" aria-hidden /> : <Moon className="size-4" aria-hidden />}
    </IconButton>
  );
}
