// The conversation itself: streaming, stop, regenerate, edit, resume after a
// reload or a lost connection, model errors, the composer and its drafts.
import { baseEnv, freshTestDatabase, startInstance } from "./support/instance";
import { startTcpProxy } from "./support/tcp-proxy";
import { composer, editMessage, expect, lastReply, modelRequestsWith, replies, replyDone, send, startChat, test, unique, userMessages } from "./support/app";

test("a reply streams in token by token, and the new chat becomes /c/<id> without losing it", async ({ page }) => {
  await startChat(page, `${unique("stream")} [[tokens:400]]`);
  const reply = lastReply(page);
  // Sample the reply while it streams: it must grow every time.
  await expect(reply).toContainText("w5");
  const lengths: number[] = [];
  for (let i = 0; i < 5; i++) {
    lengths.push((await reply.innerText()).length);
    await page.waitForTimeout(250);
  }
  expect(lengths.every((length, i) => i === 0 || length > lengths[i - 1]!), `lengths ${lengths}`).toBe(true);
  // While it runs the only action is Stop.
  await expect(page.getByRole("button", { name: "Stop reply" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send message" })).toHaveCount(0);
  await composer(page).press("Enter");
  await expect(userMessages(page)).toHaveCount(1);
  await replyDone(page);
  await expect(reply).toContainText("w1 w2 w3");
  await expect(reply).toContainText("w400");
});

test("a reply stream cut short without its end (a proxy's timeout) is followed again: the stored reply shows, never the truncated one", async ({ page }) => {
  // A proxy that ends the reply's response cleanly after a few events, with no finish.
  let cut = 0;
  await page.route(/\/api\/sessions\/[^/]+\/messages$/, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    const events = (await response.text()).split("\n\n").filter((event) => event.trim());
    cut++;
    await route.fulfill({ response, body: `${events.slice(0, 6).join("\n\n")}\n\n` });
  });
  await startChat(page, `${unique("cut")} [[tokens:60]]`);
  const reply = await replyDone(page);
  await expect(reply).toContainText("w60");
  await expect(reply.getByTestId("status-badge")).toHaveCount(0);
  expect(cut).toBe(1);
});

test.describe("offline", () => {
  // The browser logs the requests it could not make meanwhile (Next's prefetches, a lazily loaded chunk).
  test.use({ allowConsoleErrors: [/ERR_INTERNET_DISCONNECTED|Failed to load chunk/] });

  test("sending while offline says so at once and keeps the draft; back online it sends", async ({ page, context }) => {
    await page.goto("/");
    const text = unique("offline draft 离线 ");
    await context.setOffline(true);
    await composer(page).fill(text);
    await composer(page).press("Enter");
    const offline = page.getByRole("alert").filter({ hasText: "You are offline" });
    await expect(offline).toBeVisible();
    await expect(composer(page)).toHaveValue(text);
    await expect(userMessages(page)).toHaveCount(0);
    await context.setOffline(false);
    await composer(page).press("Enter");
    await replyDone(page);
    await expect(userMessages(page)).toHaveCount(1);
    await expect(offline).toHaveCount(0);
  });
});

test("stop keeps the partial reply, marked stopped, also after a reload", async ({ page }) => {
  await startChat(page, `${unique("stop")} [[tokens:400]]`);
  await expect(lastReply(page)).toContainText("w10");
  await page.getByRole("button", { name: "Stop reply" }).click();
  const reply = await replyDone(page);
  await expect(reply.getByTestId("status-badge")).toHaveText("Stopped");
  const kept = (await reply.locator(".markdown").innerText()).trim();
  expect(kept).toMatch(/^w1 w2 w3 .*w10/);
  expect(kept).not.toContain("w400");

  await page.reload();
  await expect(lastReply(page).getByTestId("status-badge")).toHaveText("Stopped");
  expect((await lastReply(page).locator(".markdown").innerText()).trim()).toBe(kept);
});

test("regenerate replaces the last reply with a new one", async ({ page, request }) => {
  const marker = unique("regen");
  await startChat(page, `${marker} [[tokens:5]]`);
  const first = await replyDone(page);
  const firstId = await first.getAttribute("data-message-id");
  await first.hover();
  await first.getByRole("button", { name: "Regenerate reply" }).click();
  await expect(lastReply(page)).not.toHaveAttribute("data-message-id", firstId!);
  await replyDone(page);
  await expect(replies(page)).toHaveCount(1);
  await expect(lastReply(page)).toContainText("w5");
  expect(await modelRequestsWith(request, marker)).toHaveLength(2);

  const secondId = await lastReply(page).getAttribute("data-message-id");
  await page.reload();
  await expect(replies(page)).toHaveCount(1);
  await expect(lastReply(page)).toHaveAttribute("data-message-id", secondId!);
});

test("edit and resend branches the thread from the edited message", async ({ page }) => {
  const [a, b, c] = [unique("alpha"), unique("beta"), unique("gamma")];
  await startChat(page, a);
  await expect(await replyDone(page)).toContainText(`Echo: ${a} (turn 1)`);
  await send(page, b);
  await expect(await replyDone(page)).toContainText(`Echo: ${b} (turn 2)`);

  await editMessage(page, userMessages(page).first(), c);
  await expect(await replyDone(page)).toContainText(`Echo: ${c} (turn 1)`);
  await expect(userMessages(page)).toHaveText([new RegExp(`^${c}`)]);

  await page.reload();
  await expect(userMessages(page)).toHaveText([new RegExp(`^${c}`)]);
  await expect(replies(page)).toHaveCount(1);
  await expect(lastReply(page)).toContainText(`Echo: ${c} (turn 1)`);
});

test("an edit made while a reply runs is kept, with the reason, and goes once the reply is stopped", async ({ page }) => {
  const first = unique("busy");
  await startChat(page, first);
  await replyDone(page);
  await send(page, "[[tokens:400]] [[delay:25]]");
  await expect(lastReply(page)).toContainText("w5");

  await editMessage(page, userMessages(page).first(), "edited while busy 忙着呢");
  const field = page.getByRole("textbox", { name: "Edited message" });
  await expect(page.getByRole("alert").filter({ hasText: "A reply is still being written" })).toBeVisible();
  await expect(field).toHaveValue("edited while busy 忙着呢");

  await page.getByRole("button", { name: "Stop reply" }).click();
  await expect(lastReply(page)).toHaveAttribute("data-status", "stopped");
  await page.getByRole("button", { name: "Save and send" }).click();
  await expect(await replyDone(page)).toContainText("Echo: edited while busy 忙着呢 (turn 1)");
  await expect(userMessages(page)).toHaveText([/^edited while busy 忙着呢/]);
});

for (const device of ["desktop", "phone"] as const) {
  test.describe(device, () => {
    if (device === "phone") test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

    test(`after an edit and a regeneration, ‹ › switch between versions, and the choice is remembered (${device})`, async ({ page }, testInfo) => {
      const [a, b] = [unique("first"), unique("edited")];
      await startChat(page, a);
      await replyDone(page);
      // A second reply to the same question.
      await lastReply(page).hover();
      await lastReply(page).getByRole("button", { name: "Regenerate reply" }).click();
      await replyDone(page);
      const replyVersions = lastReply(page).getByRole("group", { name: "Versions" });
      await expect(replyVersions).toContainText("2 / 2");

      // An edit of the question: the question now has two versions.
      await editMessage(page, userMessages(page).first(), b);
      await expect(await replyDone(page)).toContainText(`Echo: ${b} (turn 1)`);
      const questionVersions = userMessages(page).first().getByRole("group", { name: "Versions" });
      await expect(questionVersions).toContainText("2 / 2");
      await page.screenshot({ path: testInfo.outputPath("versions.png") });

      // Back to the first question: its branch ends at its newest reply.
      await questionVersions.getByRole("button", { name: "Previous version" }).click();
      await expect(userMessages(page)).toHaveText([new RegExp(`^${a}`)]);
      await expect(lastReply(page).getByRole("group", { name: "Versions" })).toContainText("2 / 2");
      await lastReply(page).getByRole("button", { name: "Previous version" }).click();
      await expect(lastReply(page).getByRole("group", { name: "Versions" })).toContainText("1 / 2");
      await page.reload();
      await expect(userMessages(page)).toHaveText([new RegExp(`^${a}`)]);
      await expect(lastReply(page).getByRole("group", { name: "Versions" })).toContainText("1 / 2");
      await expect(userMessages(page).first().getByRole("group", { name: "Versions" })).toContainText("1 / 2");
    });
  });
}

test("a reload mid-reply re-attaches and the reply continues to its full length", async ({ page }) => {
  await startChat(page, `${unique("resume")} [[tokens:300]]`);
  await expect(lastReply(page)).toContainText("w20");
  await page.reload();
  // The stored beginning is there at once; the rest keeps arriving live.
  await expect(lastReply(page)).toContainText("w1 w2");
  await expect(page.getByRole("button", { name: "Stop reply" })).toBeVisible();
  const reply = await replyDone(page);
  await expect(reply).toContainText("w300");
  expect((await reply.locator(".markdown").innerText()).match(/w\d+/g)).toHaveLength(300);
});

test.describe("a lost connection", () => {
  // The browser logs the failed requests while the server is unreachable.
  test.use({ allowConsoleErrors: [/net::ERR_/] });

  test("shows a banner, then reconnects to the running reply", async ({ page, baseURL }) => {
    // The page talks to the app through a proxy that the test cuts and restores.
    const proxy = await startTcpProxy("127.0.0.1", Number(new URL(baseURL!).port));
    try {
      await page.goto(`http://127.0.0.1:${proxy.port}/`);
      await send(page, `${unique("offline")} [[tokens:250]] [[delay:20]]`);
      await expect(lastReply(page)).toContainText("w10");
      await proxy.cut();
      const banner = page.getByRole("status").filter({ hasText: "Connection lost" });
      await expect(banner).toBeVisible();
      await proxy.restore();
      await expect(banner).toBeHidden({ timeout: 10_000 });
      const reply = await replyDone(page);
      await expect(reply).toContainText("w250");
      expect((await reply.locator(".markdown").innerText()).match(/w\d+/g)).toHaveLength(250);
    } finally {
      await proxy.close();
    }
  });

  test("gives a message that never reached the server back to the composer", async ({ page, baseURL }) => {
    const proxy = await startTcpProxy("127.0.0.1", Number(new URL(baseURL!).port));
    try {
      await page.goto(`http://127.0.0.1:${proxy.port}/`);
      await send(page, unique("first"));
      await replyDone(page);
      await proxy.cut();
      const lost = unique("lost words ");
      await send(page, lost);
      await expect(page.getByRole("status").filter({ hasText: "Connection lost" })).toBeVisible();
      await proxy.restore();
      await expect(page.getByRole("alert").filter({ hasText: "back in the message box" })).toBeVisible({ timeout: 10_000 });
      await expect(composer(page)).toHaveValue(lost);
      await expect(userMessages(page)).toHaveCount(1);
    } finally {
      await proxy.close();
    }
  });
});

test("a model error shows inline on the reply, with a retry that asks again", async ({ page, request }) => {
  const marker = unique("fault");
  await startChat(page, `${marker} [[status:500]]`);
  const reply = await replyDone(page);
  await expect(reply.getByRole("alert")).toBeVisible();
  await expect(reply.getByTestId("status-badge")).toHaveText("Error");
  const failedId = await reply.getAttribute("data-message-id");

  await reply.getByRole("button", { name: "Retry" }).click();
  await expect(lastReply(page)).not.toHaveAttribute("data-message-id", failedId!);
  await replyDone(page);
  await expect(replies(page)).toHaveCount(1);
  expect(await modelRequestsWith(request, marker)).toHaveLength(2);

  await page.reload();
  await expect(lastReply(page).getByRole("alert")).toBeVisible();
  await expect(lastReply(page).getByRole("button", { name: "Retry" })).toBeVisible();
});

test("Enter sends, Shift+Enter breaks the line", async ({ page }) => {
  await page.goto("/");
  const box = composer(page);
  await box.fill(unique("first"));
  await box.press("Shift+Enter");
  await box.pressSequentially("second line");
  await expect(box).toHaveValue(/^first\w+\nsecond line$/);
  await expect(userMessages(page)).toHaveCount(0);
  await box.press("Enter");
  await expect(userMessages(page)).toHaveCount(1);
  await expect(userMessages(page).first()).toContainText("second line");
  await expect(box).toHaveValue("");
});

test("the draft is kept per chat across reloads", async ({ page }) => {
  await startChat(page, unique("draft"));
  await replyDone(page);
  const sessionUrl = page.url();
  const draft = unique("unsent words ");
  await composer(page).fill(draft);

  await page.goto("/");
  await expect(composer(page)).toHaveValue("");
  const newChatDraft = unique("new chat words ");
  await composer(page).fill(newChatDraft);

  await page.goto(sessionUrl);
  await expect(composer(page)).toHaveValue(draft);
  await page.reload();
  await expect(composer(page)).toHaveValue(draft);
  await page.goto("/");
  await expect(composer(page)).toHaveValue(newChatDraft);
});

test.describe("a server that dies mid-reply", () => {
  // The browser logs the reply's cut connection.
  test.use({ allowConsoleErrors: [/net::ERR_/] });

  test("leaves the reply interrupted, shown as such, and the chat goes on", async ({ page }) => {
    test.setTimeout(60_000);
    // An app instance of its own, to kill.
    const db = await freshTestDatabase();
    const env = baseEnv(db.env);
    let app = await startInstance(3232, env);
    try {
      await page.goto(app.url);
      await send(page, `${unique("crash")} [[tokens:400]] [[delay:25]]`);
      await expect(lastReply(page)).toContainText("w80");
      await page.waitForTimeout(4_000); // a checkpoint (≤ 2 s apart) of the text after w80, with room for a busy machine
      await app.stop("SIGKILL");
      app = await startInstance(3232, env);
      await page.reload();
      // Stored as streaming with no writer: it turns into "interrupted" without another reload.
      await expect(lastReply(page).getByTestId("status-badge")).toHaveText("Interrupted", { timeout: 20_000 });
      await expect(lastReply(page)).toContainText("w80");
      await send(page, "still there?");
      await expect(await replyDone(page)).toContainText("Echo: still there? (turn 2)");
    } finally {
      // Leave first: chunks the page loads later would fail against a stopped server.
      await page.goto("about:blank");
      await app.stop();
      await db.drop();
    }
  });
});
