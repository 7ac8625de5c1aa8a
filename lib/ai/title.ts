// Session titles: a few words from the title model, or the first words of the
// user's message with the local model (or when the title model fails).
import { generateText } from "ai";
import { titleModel } from "./providers";

const MAX_TITLE = 80;
const TITLE_TIMEOUT_MS = 15_000;

/** The first words of a message, as a title. */
export function firstWords(text: string, words = 6): string {
  const clean = text.replace(/\s+/g, " ").trim();
  const head = clean.split(" ").slice(0, words).join(" ");
  const title = head.length < clean.length ? `${head}…` : head;
  return (title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title) || "New chat";
}

function tidy(raw: string): string {
  const line = raw.replace(/<think>[\s\S]*?<\/think>/g, "").trim().split("\n")[0] ?? "";
  const title = line.replace(/^(title:\s*)/i, "").replace(/^["'*#\s]+|["'*.\s]+$/g, "").trim();
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}

export async function generateTitle(firstMessage: string): Promise<string> {
  const model = titleModel();
  if (!model) return firstWords(firstMessage);
  try {
    const { text } = await generateText({
      model,
      system: "You write titles for chat conversations: at most six words, no quotes, no final period. Reply with the title only.",
      prompt: firstMessage.slice(0, 2000),
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(TITLE_TIMEOUT_MS),
    });
    return tidy(text) || firstWords(firstMessage);
  } catch {
    return firstWords(firstMessage);
  }
}
