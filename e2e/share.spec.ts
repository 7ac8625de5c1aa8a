// Sharing a chat and moving chats in and out, in the browser; and the
// OpenAI-compatible API over real HTTP against the production server.
import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { expect, replyDone, startChat, test, unique, userMessages } from "./support/app";

test.describe(() => {
  // The deleted link's 404, which the browser reports.
  test.use({ allowConsoleErrors: [/status of 404 .*\/s\//] });
test("share a chat from its menu; anyone with the link reads it, inertly, without an account; deleting the link ends it", async ({ page, browser, watch }, testInfo) => {
  const marker = unique("shared");
  const payload = ["**分享的回答** shared answer", '<img src=x onerror="window.__xss = 1">', "[click me](javascript:alert(1))", "$E = mc^2$"].join("\n\n");
  const sessionId = await startChat(page, `${marker} 你好 [[reply:${payload}]]`);
  await replyDone(page);

  await page.getByRole("button", { name: "Chat actions" }).click();
  await expect(page.getByRole("menuitem", { name: "Export as Markdown" })).toHaveAttribute("href", `/api/sessions/${sessionId}/export?format=markdown`);
  await page.getByRole("menuitem", { name: "Share…" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this chat" });
  const link = dialog.getByRole("textbox", { name: "Share link" });
  await expect(link).toHaveValue(/\/s\/[\w-]{22}$/);
  const url = await link.inputValue();
  await page.screenshot({ path: testInfo.outputPath("share-dialog.png") });
  await dialog.getByRole("button", { name: "Done" }).click();

  // A stranger: a fresh browser with no cookies.
  const stranger = await browser.newContext();
  const reader = await stranger.newPage();
  watch(reader);
  let dialogs = 0;
  reader.on("dialog", async (d) => {
    dialogs++;
    await d.dismiss();
  });
  const response = (await reader.goto(url))!;
  expect(response.status()).toBe(200);
  expect(response.headers()["x-robots-tag"]).toBe("noindex, nofollow");
  expect(response.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response.headers()["set-cookie"]).toBeUndefined();
  await expect(reader.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, nofollow");
  await expect(reader.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(reader.locator('article[data-role="user"]')).toContainText(`${marker} 你好`);
  const reply = reader.locator('article[data-role="assistant"]');
  await expect(reply.getByText("分享的回答", { exact: true })).toBeVisible();
  await expect(reply).not.toContainText("**");
  await expect(reply.locator(".katex").first()).toBeVisible();
  await expect(reader.getByRole("textbox", { name: "Message", exact: true })).toHaveCount(0);
  expect(await reply.locator("[onerror]").count()).toBe(0);
  await reply.getByText("click me").click();
  expect(await reader.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toBe(0);
  expect(await stranger.cookies()).toEqual([]);
  await reader.screenshot({ path: testInfo.outputPath("shared-page.png"), fullPage: true });
  await reader.setViewportSize({ width: 375, height: 740 });
  expect(await reader.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await reader.screenshot({ path: testInfo.outputPath("shared-page-phone.png") });

  // The owner deletes the link in Settings: the stranger's next visit is a 404.
  await page.goto("/settings");
  const links = page.getByRole("region", { name: "Shared links" });
  const row = links.getByRole("listitem").filter({ hasText: marker });
  await expect(row).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("settings.png"), fullPage: true });
  await row.getByRole("button", { name: /^Delete link to/ }).click();
  await page.getByRole("dialog", { name: "Delete this link?" }).getByRole("button", { name: "Delete link" }).click();
  await expect(row).toHaveCount(0);
  expect((await reader.goto(url))!.status()).toBe(404);
  await stranger.close();
});
});

test.describe(() => {
  // The refused file's 422, which the browser reports.
  test.use({ allowConsoleErrors: [/status of 422 .*\/api\/import/] });
test("export every chat from settings, and import it (and a ChatGPT export) into another account", async ({ page, browser, watch }, testInfo) => {
  const marker = unique("moved");
  await startChat(page, `${marker} 搬家 moving chats`);
  await replyDone(page);
  await page.goto("/settings");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export all chats" }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, "utf8")) as { format: string; sessions: unknown[] };
  expect(exported.format).toBe("parley");

  const other = await browser.newContext();
  const newcomer = await other.newPage();
  watch(newcomer);
  await newcomer.goto("/settings");
  const data = newcomer.getByRole("region", { name: "Your data" });
  await data.getByLabel("Import file").setInputFiles(file);
  await expect(data.getByRole("status")).toHaveText(new RegExp(`^Imported ${exported.sessions.length} chats? with \\d+ messages?\\.$`));
  await data.getByLabel("Import file").setInputFiles("tests/fixtures/imports/chatgpt-conversations.json");
  await expect(data.getByRole("status")).toHaveText("Imported 2 chats with 10 messages.");
  await data.getByLabel("Import file").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"hello":"world"}') });
  await expect(data.getByRole("alert")).toContainText("Not a Parley export");
  await newcomer.screenshot({ path: testInfo.outputPath("settings-import.png"), fullPage: true });

  await newcomer.getByRole("link", { name: "Back to chats" }).click();
  await newcomer.getByRole("link", { name: new RegExp(marker) }).first().click();
  await expect(userMessages(newcomer).first()).toContainText(`${marker} 搬家 moving chats`);
  await other.close();
});
});

test("the OpenAI-compatible API over HTTP: the openai client streams, and the call shows up as a chat", async ({ page, request, baseURL }) => {
  await request.get("/");
  const created = await request.post("/api/tokens", { data: { name: "openai e2e" } });
  const client = new OpenAI({ apiKey: (await created.json()).token, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  expect((await client.models.list()).data.map((m) => m.id)).toContain("test-model");
  const marker = unique("v1");
  const stream = await client.chat.completions.create({ model: "test-model", stream: true, messages: [{ role: "user", content: `${marker} 来自程序` }] });
  let text = "";
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
  expect(text).toBe(`Echo: ${marker} 来自程序 (turn 1)`);
  const missing = await client.models.retrieve("no/such-model").catch((error: unknown) => error);
  expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
  expect((await request.get("/v1/nothing-here")).status()).toBe(404);

  // The same account in the browser sees the chat.
  const sessions = await (await request.get(`/api/sessions?q=${marker}`)).json();
  await page.context().addCookies((await request.storageState()).cookies);
  await page.goto(`/c/${sessions.sessions[0].id}`);
  await expect(userMessages(page).first()).toContainText(`${marker} 来自程序`);
});
