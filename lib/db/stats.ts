import { db } from "./client";
import { Prisma } from "./generated/client";

export type UsageRow = { messages: number; replies: number; inputTokens: number; outputTokens: number; reasoningTokens: number; cost: number };

type Raw = { messages: bigint; replies: bigint; inputTokens: bigint | null; outputTokens: bigint | null; reasoningTokens: bigint | null; cost: Prisma.Decimal | null };

const SUMS = Prisma.sql`
  count(*) AS messages,
  count(*) FILTER (WHERE m.role = 'assistant') AS replies,
  sum(m."inputTokens") AS "inputTokens",
  sum(m."outputTokens") AS "outputTokens",
  sum(m."reasoningTokens") AS "reasoningTokens",
  sum(m.cost) AS cost`;

function usage(row: Raw): UsageRow {
  return {
    messages: Number(row.messages),
    replies: Number(row.replies),
    inputTokens: Number(row.inputTokens ?? 0),
    outputTokens: Number(row.outputTokens ?? 0),
    reasoningTokens: Number(row.reasoningTokens ?? 0),
    cost: Number(row.cost ?? 0),
  };
}

/** Messages and usage of a user's sessions since `since`: in total, per model, per UTC day. */
export async function usageSince(userId: string, since: Date) {
  const scope = Prisma.sql`FROM "Message" m JOIN "Session" s ON s.id = m."sessionId" WHERE s."userId" = ${userId}::uuid AND m."createdAt" >= ${since}`;
  const [totals, byModel, byDay] = await Promise.all([
    db().$queryRaw<Raw[]>`SELECT ${SUMS} ${scope}`,
    db().$queryRaw<Array<Raw & { model: string }>>`SELECT m.model, ${SUMS} ${scope} AND m.role = 'assistant' GROUP BY m.model ORDER BY m.model`,
    db().$queryRaw<Array<Raw & { day: string }>>`
      SELECT to_char(date_trunc('day', m."createdAt"), 'YYYY-MM-DD') AS day, ${SUMS} ${scope}
      GROUP BY 1 ORDER BY 1`,
  ]);
  return {
    totals: usage(totals[0]!),
    byModel: byModel.map((row) => ({ model: row.model, ...usage(row) })),
    byDay: byDay.map((row) => ({ day: row.day, ...usage(row) })),
  };
}

export async function resetStats(userId: string): Promise<Date> {
  const { statsFrom } = await db().user.update({ where: { id: userId }, data: { statsFrom: new Date() }, select: { statsFrom: true } });
  return statsFrom;
}
