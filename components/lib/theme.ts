// The theme: the system's unless the user picked one (kept in localStorage).
// THEME_SCRIPT runs in <head> before the first paint, so a dark page never flashes light.
export const THEME_KEY = "parley:theme";

export type Theme = "light" | "dark";

export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});var d=t?t==="dark":matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;

export function applyTheme(theme: Theme): void {
  document.documentElement.classList.toggle("dark", theme === "dark");
}
