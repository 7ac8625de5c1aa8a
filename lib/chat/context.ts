// Which messages go to the model: the role's (or the session's own) system
// prompt first, then the visible thread, newest messages kept first until the
// token budget is spent. Tool calls that never got a result are dropped.
import { convertToModelMessages, type ModelMessage, type UIMessage } from "ai";
import { BUILTIN_ROLES, DEFAULT_ROLE_ID } from "../ai/roles";
import { threadUpTo, type MessageRow } from "../db/messages";
import { findUsableRole } from "../db/roles";
import type { SessionRow } from "../db/sessions";
import { withAttachmentContents } from "../attachments";

/** Never walk further back than this many messages, whatever the budget. */
const MAX_MESSAGES = 500;

/** What an image costs a model, roughly (its bytes say nothing about it). */
const IMAGE_TOKENS = 1_000;

/** A rough token count (4 characters a token, plus a little per message): models' tokenizers differ anyway. */
export function estimateTokens(message: Pick<UIMessage, "parts">): number {
  let tokens = 4;
  for (const part of message.parts) tokens += part.type === "file" ? IMAGE_TOKENS : Math.ceil(JSON.stringify(part).length / 4);
  return tokens;
}

export function toUIMessage(row: MessageRow): UIMessage {
  return { id: row.id, role: row.role, parts: row.parts as UIMessage["parts"] };
}

export async function systemPromptFor(session: SessionRow): Promise<string> {
  if (session.systemPrompt) return session.systemPrompt;
  const role = session.roleId ? await findUsableRole(session.userId, session.roleId) : null;
  return role?.systemPrompt ?? BUILTIN_ROLES.find((r) => r.id === DEFAULT_ROLE_ID)!.systemPrompt;
}

/** Keeps the newest messages whose estimated size fits the budget; the newest always. */
export function fitToBudget(newestFirst: UIMessage[], budget: number): UIMessage[] {
  const kept: UIMessage[] = [];
  let spent = 0;
  for (const message of newestFirst) {
    spent += estimateTokens(message);
    if (kept.length > 0 && spent > budget) break;
    kept.push(message);
  }
  return kept.reverse();
}

export type ModelContext = { system: string; messages: ModelMessage[] };

/**
 * The prompt for a reply: the thread ending at `threadEnd` (null: none), then
 * `pending` (the user message being sent, which may not be stored yet).
 */
export async function buildContext(
  session: SessionRow,
  threadEnd: string | null,
  pending: UIMessage | null,
  options: { tokenBudget: number; modelId: string },
): Promise<ModelContext> {
  const [system, thread] = await Promise.all([systemPromptFor(session), threadEnd ? threadUpTo(session.id, threadEnd, MAX_MESSAGES) : []]);
  const stored = [...(pending ? [pending] : []), ...thread.map(toUIMessage)].filter((m) => m.parts.length > 0);
  // Attachments become what the model reads; one file's text may take half the budget.
  const usable = await withAttachmentContents(session.userId, stored, { modelId: options.modelId, maxTextChars: options.tokenBudget * 2 });
  const budget = Math.max(0, options.tokenBudget - Math.ceil(system.length / 4));
  const messages = await convertToModelMessages(fitToBudget(usable, budget), { ignoreIncompleteToolCalls: true });
  return { system, messages };
}
