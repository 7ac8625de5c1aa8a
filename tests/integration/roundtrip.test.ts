// Every model goes into the database and comes back out the same through the
// Prisma client, on whichever database this project runs (embedded or PostgreSQL).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";

const unique = () => randomUUID().slice(0, 8);

describe("Prisma client round trip", () => {
  it("stores and reads back a user with a token, a role, a session and a message tree", async () => {
    const prisma = db();
    const name = `ada-${unique()}`;
    const user = await prisma.user.create({ data: { name, nameKey: name, email: `${name}@users.parley.invalid` } });
    const token = await prisma.apiToken.create({ data: { userId: user.id, name: "laptop", tokenHash: `hash-${unique()}` } });
    const role = await prisma.role.create({
      data: { userId: user.id, name: "reviewer", description: "Reviews code", systemPrompt: "You review code." },
    });
    const session = await prisma.session.create({
      data: { userId: user.id, roleId: role.id, model: "gpt-4o-mini", systemPrompt: "Be brief.", title: "Code review" },
    });
    const parts = [
      { type: "reasoning", text: "Think first." },
      { type: "text", text: "Hello **there**" },
      { type: "tool-calculator", toolCallId: "call_1", state: "output-available", input: { expression: "2+2" }, output: 4 },
    ];
    const [question, answer] = await prisma.$transaction(async (tx) => {
      const q = await tx.message.create({
        data: { sessionId: session.id, seq: 1, role: "user", parts: [{ type: "text", text: "hi" }], text: "hi" },
      });
      const a = await tx.message.create({
        data: {
          sessionId: session.id, seq: 2, parentId: q.id, role: "assistant", parts, text: "Hello there",
          status: "complete", model: "gpt-4o-mini", finishReason: "stop",
          inputTokens: 12, outputTokens: 34, reasoningTokens: 5, cost: "0.00012345",
        },
      });
      await tx.session.update({ where: { id: session.id }, data: { headId: a.id, lastMessageAt: a.createdAt } });
      return [q, a];
    });

    const loaded = await prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      include: { tokens: true, roles: true, sessions: { include: { messages: { orderBy: { seq: "asc" } }, role: true } } },
    });
    expect(loaded.name).toBe(user.name);
    expect(loaded.statsFrom).toBeInstanceOf(Date);
    expect(loaded.tokens).toEqual([expect.objectContaining({ id: token.id, name: "laptop", revokedAt: null, lastUsedAt: null })]);
    expect(loaded.roles).toEqual([expect.objectContaining({ id: role.id, systemPrompt: "You review code." })]);

    const [stored] = loaded.sessions;
    expect(stored).toMatchObject({ id: session.id, title: "Code review", titleSource: "auto", pinned: false, headId: answer!.id });
    expect(stored!.role?.name).toBe("reviewer");
    expect(stored!.messages.map((m) => [m.seq, m.role, m.parentId])).toEqual([
      [1, "user", null],
      [2, "assistant", question!.id],
    ]);
    const reply = stored!.messages[1]!;
    expect(reply.parts).toEqual(parts);
    expect(reply).toMatchObject({ status: "complete", finishReason: "stop", inputTokens: 12, outputTokens: 34, reasoningTokens: 5 });
    expect(reply.cost?.toString()).toBe("0.00012345");
  });

  it("keeps seq unique per session", async () => {
    const prisma = db();
    const user = await prisma.user.create({ data: { email: `${unique()}@guests.parley.invalid`, isAnonymous: true } });
    const session = await prisma.session.create({ data: { userId: user.id, model: "local" } });
    await prisma.message.create({ data: { sessionId: session.id, seq: 1, role: "user" } });
    await expect(prisma.message.create({ data: { sessionId: session.id, seq: 1, role: "user" } })).rejects.toMatchObject({
      code: "P2002",
    });
  });

  it("rolls a failed transaction back completely", async () => {
    const prisma = db();
    const user = await prisma.user.create({ data: { email: `${unique()}@guests.parley.invalid`, isAnonymous: true } });
    const session = await prisma.session.create({ data: { userId: user.id, model: "local" } });
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.message.create({ data: { sessionId: session.id, seq: 1, role: "user", text: "kept?" } });
        await tx.message.create({ data: { sessionId: session.id, seq: 1, role: "assistant" } });
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    expect(await prisma.message.count({ where: { sessionId: session.id } })).toBe(0);
  });

  it("deleting a session deletes its messages; deleting a user deletes everything of theirs", async () => {
    const prisma = db();
    const user = await prisma.user.create({ data: { email: `${unique()}@guests.parley.invalid`, isAnonymous: true } });
    const role = await prisma.role.create({ data: { userId: user.id, name: "mine", systemPrompt: "x" } });
    const first = await prisma.session.create({ data: { userId: user.id, model: "local", roleId: role.id } });
    const second = await prisma.session.create({ data: { userId: user.id, model: "local" } });
    for (const s of [first, second]) {
      const q = await prisma.message.create({ data: { sessionId: s.id, seq: 1, role: "user" } });
      await prisma.message.create({ data: { sessionId: s.id, seq: 2, role: "assistant", parentId: q.id } });
    }
    await prisma.session.delete({ where: { id: first.id } });
    expect(await prisma.message.count({ where: { sessionId: first.id } })).toBe(0);
    expect(await prisma.message.count({ where: { sessionId: second.id } })).toBe(2);

    await prisma.apiToken.create({ data: { userId: user.id, name: "t", tokenHash: `h-${unique()}` } });
    await prisma.user.delete({ where: { id: user.id } });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.message.count({ where: { sessionId: second.id } })).toBe(0);
    expect(await prisma.role.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.apiToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("deleting a role leaves its sessions without a role", async () => {
    const prisma = db();
    const user = await prisma.user.create({ data: { email: `${unique()}@guests.parley.invalid`, isAnonymous: true } });
    const role = await prisma.role.create({ data: { userId: user.id, name: "temp", systemPrompt: "x" } });
    const session = await prisma.session.create({ data: { userId: user.id, model: "local", roleId: role.id } });
    await prisma.role.delete({ where: { id: role.id } });
    expect((await prisma.session.findUniqueOrThrow({ where: { id: session.id } })).roleId).toBeNull();
  });
});
