import type { UIMessage } from "ai";

/** The plain text of a message's parts (what search and titles see). */
export function textOf(parts: UIMessage["parts"]): string {
  return parts
    .filter((part) => part.type === "text")
    .map((part) => part.text)
    .join("\n");
}
