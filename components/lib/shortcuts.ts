// Keyboard shortcuts: one list, used by the handler and shown in the help dialog.
export type ShortcutAction = "new-chat" | "search" | "focus-composer" | "help";

export type Shortcut = { action: ShortcutAction; keys: string; label: string; matches: (e: KeyboardEvent) => boolean };

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;

export const SHORTCUTS: Shortcut[] = [
  { action: "new-chat", keys: "Ctrl+Shift+O", label: "New chat", matches: (e) => mod(e) && e.shiftKey && e.key.toLowerCase() === "o" },
  { action: "search", keys: "Ctrl+K", label: "Search chats", matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === "k" },
  { action: "focus-composer", keys: "Shift+Esc", label: "Focus the message box", matches: (e) => e.shiftKey && e.key === "Escape" },
  { action: "help", keys: "Ctrl+/", label: "Show keyboard shortcuts", matches: (e) => mod(e) && e.key === "/" },
];

export const shortcutKeys = (action: ShortcutAction) => SHORTCUTS.find((s) => s.action === action)!.keys;
