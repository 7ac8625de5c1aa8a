// Keyboard shortcuts: one list, used by the handler and shown in the help dialog
// (which names each action from the catalogue, shortcuts.actions.<action>).
export type ShortcutAction = "new-chat" | "search" | "focus-composer" | "help";

export type Shortcut = { action: ShortcutAction; keys: string; matches: (e: KeyboardEvent) => boolean };

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;

export const SHORTCUTS: Shortcut[] = [
  { action: "new-chat", keys: "Ctrl+Shift+O", matches: (e) => mod(e) && e.shiftKey && e.key.toLowerCase() === "o" },
  { action: "search", keys: "Ctrl+K", matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === "k" },
  { action: "focus-composer", keys: "Shift+Esc", matches: (e) => e.shiftKey && e.key === "Escape" },
  { action: "help", keys: "Ctrl+/", matches: (e) => mod(e) && e.key === "/" },
];

export const shortcutKeys = (action: ShortcutAction) => SHORTCUTS.find((s) => s.action === action)!.keys;
