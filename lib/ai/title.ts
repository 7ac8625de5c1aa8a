// Session titles: a few words from the title model, or the first words of the
// user's message with the local model (or when the title model fails). Titles
// are plain text (models like to answer "**Title**" or "# Title") and are cut
// at whole characters and words, never inside an emoji or a Chinese word.
import { generateText } from "ai";
import { titleModel } from "./providers";

const MAX_TITLE = 80;
const TITLE_TIMEOUT_MS = 15_000;

const words = new Intl.Segmenter(undefined, { granularity: "word" });
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** At most `max` user-perceived characters, with … when cut. */
export function cutTitle(text: string, max = MAX_TITLE): string {
  const all = [...graphemes.segment(text)].map((s) => s.segment);
  return all.length <= max ? text : `${all.slice(0, max - 1).join("").trimEnd()}…`;
}

/** The first words of a message, as a title: in Chinese or Japanese too, where no spaces separate words. */
export function firstWords(text: string, count = 6): string {
  const clean = text.replace(/\s+/g, " ").trim();
  let seen = 0;
  let end = clean.length;
  for (const segment of words.segment(clean)) {
    if (segment.isWordLike && ++seen > count) {
      end = segment.index;
      break;
    }
  }
  const head = clean.slice(0, end).trimEnd();
  return cutTitle(head.length < clean.length ? `${head}…` : head) || "New chat";
}

/** A model's answer as a title: its first line, without markdown, quotes or a closing period. */
export function plainTitle(raw: string): string {
  const line =
    raw
      .replace(/<think>[\s\S]*?<\/think>/g, "")
      .trim()
      .split("\n")[0] ?? "";
  const title = line
    .replace(/^#{1,6}\s+/, "") // heading
    .replace(/^(title|标题)\s*[:：]\s*/i, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images keep their text
    .replace(/(\*\*|__|\*|`|~~)/g, "") // emphasis and code marks
    .replace(/^["'“”‘’「」『』《》\s]+|["'“”‘’「」『』《》.。!！\s]+$/g, "")
    .trim();
  return cutTitle(title);
}

export async function generateTitle(firstMessage: string): Promise<string> {
  const model = titleModel();
  if (!model) return firstWords(firstMessage);
  try {
    const { text } = await generateText({
      model,
      system: "You write titles for chat conversations: at most six words, no quotes, no final period. Reply with the title only.",
      prompt: Array.from(firstMessage).slice(0, 2000).join(""),
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(TITLE_TIMEOUT_MS),
    });
    return plainTitle(text) || firstWords(firstMessage);
  } catch {
    return firstWords(firstMessage);
  }
}
