// A user's preferences: the language and the role and model new chats start with,
// applied to every new chat (browser and API), refused when they name nothing usable.
import { describe, expect, inject, it } from "vitest";
import * as schemas from "@/lib/api/schemas";
import { browserUser, call, modelRequests, tokenUser } from "../support/api";

describe("preferences", () => {
  it("the defaults of new chats apply to sessions made without a role or model, and only for their user", async () => {
    const ada = await browserUser();
    const bob = await browserUser();
    const fresh = await ada.json<{ roleId: string | null; model: string }>("POST", "/api/sessions", { body: {} });
    expect(fresh.roleId).toBe("assistant");

    const changed = schemas.userView.parse(await ada.json("PATCH", "/api/auth/me", { body: { preferences: { defaultRoleId: "teacher", defaultModel: "test-model-2", locale: "zh" } } }));
    expect(changed.user.preferences).toEqual({ defaultRoleId: "teacher", defaultModel: "test-model-2", locale: "zh" });
    // Keys left out stay as they were.
    await ada.json("PATCH", "/api/auth/me", { body: { preferences: { locale: "en" } } });
    expect((await ada.json<{ user: { preferences: object } }>("GET", "/api/auth/me")).user.preferences).toEqual({ defaultRoleId: "teacher", defaultModel: "test-model-2", locale: "en" });

    const made = await ada.json<{ roleId: string | null; model: string }>("POST", "/api/sessions", { body: { title: "默认 defaults" } });
    expect(made).toMatchObject({ roleId: "teacher", model: "test-model-2" });
    // What the request names wins.
    expect(await ada.json("POST", "/api/sessions", { body: { roleId: null, model: "test-model" } })).toMatchObject({ roleId: null, model: "test-model" });
    // Another user is untouched.
    expect(await bob.json("POST", "/api/sessions", { body: {} })).toMatchObject({ roleId: "assistant" });

    // No role as the default.
    await ada.json("PATCH", "/api/auth/me", { body: { preferences: { defaultRoleId: null } } });
    expect(await ada.json("POST", "/api/sessions", { body: {} })).toMatchObject({ roleId: null, model: "test-model-2" });
  });

  it("an own role as the default falls back to the server's once deleted; unknown roles and models are refused", async () => {
    const ada = await tokenUser();
    const role = await ada.json<{ id: string }>("POST", "/api/roles", { body: { name: "海盗 Pirate", systemPrompt: "Arr." } });
    await ada.json("PATCH", "/api/auth/me", { body: { preferences: { defaultRoleId: role.id } } });
    expect(await ada.json("POST", "/api/sessions", { body: {} })).toMatchObject({ roleId: role.id });
    expect((await ada.call("DELETE", `/api/roles/${role.id}`)).status).toBe(204);
    expect(await ada.json("POST", "/api/sessions", { body: {} })).toMatchObject({ roleId: "assistant" });

    const other = await browserUser();
    const theirs = await other.json<{ id: string }>("POST", "/api/roles", { body: { name: "theirs", systemPrompt: "x" } });
    for (const [preferences, code] of [
      [{ defaultRoleId: theirs.id }, "unknown_role"],
      [{ defaultModel: "gpt-nonexistent" }, "unknown_model"],
      [{ locale: "fr" }, "invalid_body"],
      [{ colour: "blue" }, "invalid_body"],
    ] as const) {
      const refused = await ada.call("PATCH", "/api/auth/me", { body: { preferences } });
      expect([preferences, refused.status]).toEqual([preferences, 422]);
      expect((await refused.json()).error.code).toBe(code);
    }
    expect((await ada.call("PATCH", "/api/auth/me", { body: {} })).status).toBe(422);
    expect((await ada.json<{ user: { preferences: object } }>("GET", "/api/auth/me")).user.preferences).toEqual({ defaultRoleId: role.id });
  });
});

describe("a chat's own temperature", () => {
  it("reaches the model server with every reply of that chat; null gives the server's default; out of range is 422", async () => {
    const ada = await browserUser();
    const session = await ada.json<{ id: string; temperature: number | null }>("POST", "/api/sessions", { body: { temperature: 0.3 } });
    expect(session.temperature).toBe(0.3);
    const sent = async (marker: string) => {
      const response = await ada.call("POST", `/api/sessions/${session.id}/messages`, { body: { message: `${marker} 温度` }, headers: { accept: "application/json" } });
      expect(response.status).toBe(200);
      const requests = await modelRequests(inject("modelServerUrl"));
      return requests.filter((r) => r.body.stream !== undefined && JSON.stringify(r.body.messages).includes(marker)).at(-1)!.body as { temperature?: number };
    };
    expect((await sent(`t1-${session.id}`)).temperature).toBe(0.3);
    expect(await ada.json("PATCH", `/api/sessions/${session.id}`, { body: { temperature: null } })).toMatchObject({ temperature: null });
    expect((await sent(`t2-${session.id}`)).temperature).toBeUndefined();
    for (const temperature of [-1, 2.5, "hot"]) expect((await ada.call("PATCH", `/api/sessions/${session.id}`, { body: { temperature } })).status).toBe(422);
  });
});

describe("usage across registering", () => {
  it("a guest's usage still counts once the guest registers", async () => {
    const guest = await browserUser();
    const session = await guest.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    expect((await guest.call("POST", `/api/sessions/${session.id}/messages`, { body: { message: "用量 usage [[tokens:4]]" }, headers: { accept: "application/json" } })).status).toBe(200);
    const registering = await guest.call("POST", "/api/auth/register", { body: { name: `usage-${Math.random().toString(36).slice(2, 8)}`, password: "a long enough passphrase 秘密" } });
    expect(registering.status).toBe(201);
    const cookie = registering.headers.getSetCookie()[0]!.split(";")[0]!;
    const stats = await call("GET", "/api/stats", { headers: { cookie } });
    expect((await stats.json()).totals).toMatchObject({ messages: 2, replies: 1 });
  });
});
