// How stored rows look in API responses (and in the pages' initial data).
import type { UIMessage } from "ai";
import type { MessageRow } from "./db/messages";
import type { SessionRow } from "./db/sessions";
import { STALE_AFTER_MS } from "./chat/liveness";
import { isLocalModel } from "./ai/providers";

export type MessageView = {
  id: string;
  sessionId: string;
  parentId: string | null;
  role: "user" | "assistant";
  parts: UIMessage["parts"];
  text: string;
  status: "streaming" | "complete" | "stopped" | "error" | "interrupted";
  model: string | null;
  finishReason: string | null;
  usage: { inputTokens: number | null; outputTokens: number | null; reasoningTokens: number | null } | null;
  cost: number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
};

export function messageView(row: MessageRow, now = Date.now()): MessageView {
  // A reply whose writer stopped checkpointing died with its process.
  const dead = row.status === "streaming" && now - row.updatedAt.getTime() > STALE_AFTER_MS;
  const hasUsage = row.inputTokens !== null || row.outputTokens !== null;
  return {
    id: row.id,
    sessionId: row.sessionId,
    parentId: row.parentId,
    role: row.role,
    parts: row.parts as UIMessage["parts"],
    text: row.text,
    status: dead ? "interrupted" : row.status,
    model: row.model,
    finishReason: row.finishReason,
    usage: hasUsage ? { inputTokens: row.inputTokens, outputTokens: row.outputTokens, reasoningTokens: row.reasoningTokens } : null,
    cost: row.cost === null ? null : Number(row.cost),
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type SessionView = {
  id: string;
  title: string;
  titleSource: "auto" | "user";
  roleId: string | null;
  systemPrompt: string | null;
  temperature: number | null;
  model: string;
  modelIsLocal: boolean;
  pinned: boolean;
  headId: string | null;
  createdAt: string;
  updatedAt: string;
  lastMessageAt: string;
};

export function sessionView(row: SessionRow): SessionView {
  return {
    id: row.id,
    title: row.title,
    titleSource: row.titleSource,
    roleId: row.roleId,
    systemPrompt: row.systemPrompt,
    temperature: row.temperature,
    model: row.model,
    modelIsLocal: isLocalModel(row.model),
    pinned: row.pinned,
    headId: row.headId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastMessageAt: row.lastMessageAt.toISOString(),
  };
}
