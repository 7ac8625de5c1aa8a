// The sidebar: the user's sessions, live titles, rename, pin, delete, search, more on scroll.
import { expect, replyDone, send, sessionLinks, sidebar, startChat, test, unique } from "./support/app";

test("a new chat appears in the sidebar, highlighted, and takes its generated title live", async ({ page }) => {
  const title = unique("Tidy title ");
  const sessionId = await startChat(page, `[[title:${title}]] hello there [[tokens:400]] [[delay:25]]`);
  const item = sidebar(page).locator(`li[data-session-id="${sessionId}"]`);
  await expect(item.getByRole("link")).toHaveAttribute("aria-current", "page");
  // The title arrives as a data part while the reply still streams.
  await expect(item).toContainText(title);
  await expect(page.getByTestId("chat-title")).toHaveText(title);
  await expect(page.getByRole("button", { name: "Stop reply" })).toBeVisible();
  await replyDone(page);
  await expect(page).toHaveTitle(`${title} · Parley`);
  // Chats are grouped by age; this one is from today. Messages carry their time.
  await expect(sidebar(page).getByRole("heading", { name: "Today" })).toBeVisible();
  await expect(page.locator("article time").first()).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
});

test("rename inline, pin to the top, delete with a confirmation", async ({ page }) => {
  const first = await startChat(page, `[[title:${unique("First ")}]] one`);
  await replyDone(page);
  const second = await startChat(page, `[[title:${unique("Second ")}]] two`);
  await replyDone(page);
  const item = (id: string) => sidebar(page).locator(`li[data-session-id="${id}"]`);
  await expect(sessionLinks(page).first()).toContainText("Second");

  // Rename the first, inline.
  const renamed = unique("Renamed ");
  await item(first).hover();
  await item(first).getByRole("button", { name: /^Rename/ }).click();
  const input = sidebar(page).getByRole("textbox", { name: "Chat title" });
  await input.fill(renamed);
  await input.press("Enter");
  await expect(item(first)).toContainText(renamed);

  // Pin it: it goes first, under "Pinned".
  await item(first).hover();
  await item(first).getByRole("button", { name: /^Pin/ }).click();
  await expect(sessionLinks(page).first()).toContainText(renamed);
  await expect(sidebar(page).getByRole("heading", { name: "Pinned" })).toBeVisible();

  // Both survive a reload.
  await page.reload();
  await expect(sessionLinks(page).first()).toContainText(renamed);
  await expect(item(first).getByLabel("Pinned")).toBeVisible();

  // Delete the open chat: asked first, then gone, and the page starts a new chat.
  await item(second).hover();
  await item(second).getByRole("button", { name: /^Delete/ }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this chat?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(item(second)).toBeVisible();
  await item(second).hover();
  await item(second).getByRole("button", { name: /^Delete/ }).click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(item(second)).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/);
  expect((await page.request.get(`/api/sessions/${second}`)).status()).toBe(404);
});

test("search finds chats by message text and shows the matching snippet", async ({ page }, testInfo) => {
  const word = unique("zebracorn");
  const sessionId = await startChat(page, `[[title:${unique("Animals ")}]] tell me about the ${word} please`);
  await replyDone(page);
  await startChat(page, `[[title:${unique("Other ")}]] nothing to see`);
  await replyDone(page);

  const search = page.getByRole("searchbox", { name: "Search chats" });
  await search.fill(word.slice(0, 7)); // prefix match
  const results = page.getByRole("navigation", { name: "Search results" });
  await expect(results.locator("li")).toHaveCount(1);
  const snippet = results.getByTestId("snippet");
  await expect(snippet).toContainText(word);
  await expect(snippet.locator("mark").first()).toHaveText(new RegExp(`^${word}`));
  await page.screenshot({ path: testInfo.outputPath("sidebar-search.png") });

  await results.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/c/${sessionId}$`));
  await search.fill("");
  await expect(page.getByRole("navigation", { name: "Chats" })).toBeVisible();
});

test("search finds a Chinese word inside a long sentence; the snippet shows it, marked, in plain text", async ({ page }, testInfo) => {
  // Every chat of the test server's shared database is this user's own: a unique word keeps the result to this one.
  const word = `机器学习${Array.from({ length: 3 }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000))).join("")}`;
  const filler = "这是一段很长的开场白，讲了很多和主题无关的事情。".repeat(4);
  const sessionId = await startChat(page, `[[title:${unique("中文 ")}]] ${filler}**重点**：我想学习${word}，然后找工作。`);
  await replyDone(page);

  const search = page.getByRole("searchbox", { name: "Search chats" });
  await search.fill(word);
  const results = page.getByRole("navigation", { name: "Search results" });
  await expect(results.locator("li")).toHaveCount(1);
  const snippet = results.getByTestId("snippet");
  await expect(snippet).not.toContainText("**");
  await expect(snippet.locator("mark").first()).toHaveText(word);
  await expect(snippet.locator("mark").first()).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath("sidebar-search-chinese.png") });
  await results.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/c/${sessionId}$`));
});

test("the list loads more sessions as it scrolls", async ({ page }) => {
  await page.goto("/");
  for (let i = 0; i < 34; i++) {
    const response = await page.request.post("/api/sessions", { data: { title: `Bulk ${String(i).padStart(2, "0")}` } });
    expect(response.status()).toBe(201);
  }
  await page.reload();
  await expect(sessionLinks(page)).toHaveCount(30);
  await expect(sidebar(page).getByRole("heading", { name: "Today" })).toBeVisible();
  await sessionLinks(page).last().scrollIntoViewIfNeeded();
  await expect(sessionLinks(page)).toHaveCount(34);
  await expect(sessionLinks(page).last()).toContainText("Bulk 00");
});

test("sending in an older chat moves it to the top", async ({ page }) => {
  const older = await startChat(page, `[[title:${unique("Older ")}]] first`);
  await replyDone(page);
  await startChat(page, `[[title:${unique("Newer ")}]] second`);
  await replyDone(page);
  await expect(sessionLinks(page).first()).toContainText("Newer");
  await sidebar(page).locator(`li[data-session-id="${older}"] a`).click();
  await expect(page).toHaveURL(new RegExp(older));
  await send(page, "again");
  await expect(sessionLinks(page).first()).toContainText("Older");
  await replyDone(page);
});

// Both chats are started in place ("/" becomes /c/<id> without a navigation), so their
// history entries hold the new-chat page: Back and Forward must still show each chat.
test("Back and Forward between chats started in place show each chat, at once as it was left, then live", async ({ page }) => {
  const firstId = await startChat(page, `${unique("back")} [[reply:Left here 留在这里]]`);
  await replyDone(page);
  await sidebar(page).getByRole("button", { name: "New chat" }).click();
  await send(page, `${unique("then")} [[reply:Second chat 第二个对话]]`);
  await page.waitForURL((url) => url.pathname.startsWith("/c/") && !url.pathname.endsWith(firstId));
  const secondUrl = page.url();
  await replyDone(page);
  // Whether the chat as drawn was put back on the way (it is brief: watched from the page).
  await page.evaluate(() => {
    const w = window as unknown as { sawDrawn: boolean };
    w.sawDrawn = false;
    new MutationObserver(() => void (document.querySelector("[data-drawn]") && (w.sawDrawn = true))).observe(document.body, { subtree: true, childList: true });
  });
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/c/${firstId}$`));
  const thread = page.getByTestId("thread");
  await expect(thread.getByText("Left here 留在这里", { exact: true })).toBeVisible();
  await expect(page.locator("[data-drawn]")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { sawDrawn: boolean }).sawDrawn)).toBe(true);
  await expect(thread.getByText("Left here 留在这里", { exact: true })).toHaveCount(1);
  // Live: it sends.
  await send(page, "[[reply:Back again 又回来了]]");
  await expect(thread.getByText("Back again 又回来了", { exact: true })).toBeVisible();
  await replyDone(page);
  await page.goForward();
  await expect(page).toHaveURL(secondUrl);
  await expect(thread.getByText("Second chat 第二个对话", { exact: true })).toBeVisible();
  await expect(thread.getByText("Left here 留在这里", { exact: true })).toHaveCount(0);
  await expect(page.locator("[data-drawn]")).toHaveCount(0);
  await send(page, "[[reply:Forward works 前进也行]]");
  await expect(thread.getByText("Forward works 前进也行", { exact: true })).toBeVisible();
});

test("a long chat opened again shows its end at once, and all of it right after", async ({ page }) => {
  const first = unique("top");
  const chatId = await startChat(page, `${first} 第一条 [[tokens:3]]`);
  await replyDone(page);
  // 30 messages of some length: more than a screen, in two groups of the thread.
  for (let i = 0; i < 14; i++) {
    const response = await page.request.post(`/api/sessions/${chatId}/messages`, {
      headers: { accept: "application/json" },
      data: { message: `turn ${i} 第${i}轮 ${i === 13 ? "[[reply:The end 结尾]]" : "[[tokens:60]]"} [[delay:0]] [[first-token-delay:0]]` },
    });
    expect(response.ok()).toBe(true);
  }
  await sidebar(page).getByRole("button", { name: "New chat" }).click();
  await send(page, `${unique("other")} [[tokens:3]]`);
  await page.waitForURL((url) => url.pathname.startsWith("/c/") && !url.pathname.endsWith(chatId));
  const otherId = new URL(page.url()).pathname.split("/").pop()!;
  await replyDone(page);
  // The long chat, then the other one again: the long chat's view is kept as drawn.
  const link = (id: string) => sidebar(page).locator(`li[data-session-id="${id}"]`).getByRole("link");
  await link(chatId).click();
  const thread = page.getByTestId("thread");
  await expect(thread.getByText("The end 结尾", { exact: true })).toBeInViewport();
  await expect(page.locator("article")).toHaveCount(30);
  await link(otherId).click();
  await expect(thread.getByText("The end 结尾", { exact: true })).toHaveCount(0);

  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/c/${chatId}**`, async (route) => {
    await held;
    await route.continue();
  });
  await link(chatId).click();
  const drawn = page.locator("[data-drawn]").getByTestId("thread");
  // Put back at its end, the last reply on screen...
  await expect(drawn.getByText("The end 结尾", { exact: true })).toBeInViewport();
  expect(await drawn.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(2);
  await page.screenshot({ path: test.info().outputPath("drawn-long-chat.png") });
  // ...and right after, the thread draws the rest itself: what was skipped for that first frame shows when scrolled to.
  await drawn.evaluate((el) => (el.scrollTop = 0));
  await expect(drawn.getByText(first)).toBeInViewport();
  expect(await drawn.evaluate((el) => el.querySelectorAll('[style*="content-visibility"]').length)).toBe(0);
  release();
  await expect(page.locator("[data-drawn]")).toHaveCount(0);
  await expect(thread.getByText("The end 结尾", { exact: true })).toHaveCount(1);
  await expect(thread.getByText("The end 结尾", { exact: true })).toBeInViewport();
});

test("a chat opened before shows at once from the tab's cache, then what the server has", async ({ page }) => {
  const first = unique("cached");
  const firstId = await startChat(page, `${first} [[reply:Answer from before 之前的回答]]`);
  await replyDone(page);
  // Another chat, opened in this same page (the cache is the tab's memory).
  await sidebar(page).getByRole("button", { name: "New chat" }).click();
  await send(page, `${unique("other")} [[tokens:3]]`);
  await page.waitForURL((url) => url.pathname.startsWith("/c/") && !url.pathname.endsWith(firstId));
  await replyDone(page);
  // Meanwhile the first chat goes on elsewhere (another tab, a program).
  const later = await page.request.post(`/api/sessions/${firstId}/messages`, {
    headers: { accept: "application/json" },
    data: { message: "[[reply:Written elsewhere 在别处写的]]" },
  });
  expect(later.ok()).toBe(true);

  // Its page is held on the way until the cached view has been seen.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/c/${firstId}**`, async (route) => {
    await held;
    await route.continue();
  });
  await sidebar(page).locator(`li[data-session-id="${firstId}"]`).getByRole("link").click();
  const thread = page.getByTestId("thread");
  await expect(thread.getByText("Answer from before 之前的回答", { exact: true })).toBeVisible();
  // Put back as it was drawn when the reader left it, not drawn again.
  await expect(page.locator("[data-drawn]").getByTestId("thread")).toBeVisible();
  await expect(page.getByTestId("chat-title")).toContainText(first);
  await expect(sidebar(page).locator(`li[data-session-id="${firstId}"]`).getByRole("link")).toHaveAttribute("aria-current", "page");
  await expect(thread.getByText("Written elsewhere 在别处写的", { exact: true })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("cached-preview.png") });
  release();
  await expect(thread.getByText("Written elsewhere 在别处写的", { exact: true })).toBeVisible();
  await expect(page.locator("[data-drawn]")).toHaveCount(0);
  await expect(thread.getByText("Answer from before 之前的回答", { exact: true })).toHaveCount(1);
  await expect(page).toHaveURL(new RegExp(`/c/${firstId}$`));
  // The page is the live chat again: it sends.
  await send(page, "[[reply:Still here 还在]]");
  await expect(thread.getByText("Still here 还在", { exact: true })).toBeVisible();
});
