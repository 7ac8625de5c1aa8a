// A button that shows only an icon: its label is its accessible name and tooltip.
// On touch screens it grows to a finger's size (44 px).
import type { ButtonHTMLAttributes, ReactNode } from "react";

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { label: string; shortcut?: string; children: ReactNode };

export function IconButton({ label, shortcut, className = "", children, ...rest }: Props) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-keyshortcuts={shortcut?.replace("Esc", "Escape")}
      title={shortcut ? `${label} (${shortcut})` : label}
      className={`inline-flex size-8 shrink-0 pointer-coarse:size-11 items-center justify-center rounded-md text-muted-foreground transition-colors hover:bg-muted hover:text-foreground disabled:pointer-events-none disabled:opacity-40 ${className}`}
      {...rest}
    >
      {children}
    </button>
  );
}
