// An assistant message's parts in order: reasoning, text (Markdown), tool calls.
import { isReasoningUIPart, isTextUIPart, isToolUIPart } from "ai";
import dynamic from "next/dynamic";
import { Suspense } from "react";
import type { ChatMessage } from "../lib/types";
import { ReasoningBlock } from "./reasoning-block";
import { ToolCard } from "./tool-card";

// The Markdown renderer (Streamdown, Shiki, KaTeX) is most of the page's JavaScript:
// it loads in its own chunk, after the page is interactive (server-rendered
// messages show their HTML meanwhile; live ones their plain text).
const loadMarkdown = () => import("./markdown");
const Markdown = dynamic(() => loadMarkdown().then((module) => module.Markdown));

/** Fetches the renderer ahead of the first reply. */
export const preloadMarkdown = () => void loadMarkdown();

export function MessageParts({ message, live }: { message: ChatMessage; live: boolean }) {
  const last = message.parts.length - 1;
  return message.parts.map((part, index) => {
    const streaming = live && index === last;
    if (isTextUIPart(part)) {
      return (
        <Suspense key={index} fallback={<p className="whitespace-pre-wrap">{part.text}</p>}>
          <Markdown text={part.text} streaming={streaming} />
        </Suspense>
      );
    }
    if (isReasoningUIPart(part)) {
      const thoughtMs = (part.providerMetadata?.parley as { thoughtMs?: number } | undefined)?.thoughtMs;
      return <ReasoningBlock key={index} text={part.text} streaming={streaming} thoughtMs={thoughtMs} />;
    }
    if (isToolUIPart(part)) return <ToolCard key={index} part={part} />;
    return null; // step boundaries and data parts have nothing to show
  });
}
