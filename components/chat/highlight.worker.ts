// Syntax highlighting off the page's main thread (see code-highlighter.ts): Shiki,
// through Streamdown's own code plugin, answers each request here. Its first use of a
// language compiles that grammar's patterns, a second of CPU on a phone.
import { code } from "@streamdown/code";
import type { HighlightRequest, HighlightReply } from "./code-highlighter";

const scope = self as unknown as { onmessage: ((event: MessageEvent<HighlightRequest>) => void) | null; postMessage(reply: HighlightReply): void };

scope.onmessage = ({ data: { id, options } }) => {
  const answer = (result: HighlightReply["result"]) => scope.postMessage({ id, result });
  const ready = code.highlight(options, answer);
  if (ready) answer(ready);
};
