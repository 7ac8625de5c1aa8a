// How replies look: Markdown (code, tables, math), reasoning, tool calls, usage,
// copying — and model output that tries to run script stays inert.
import { composer, expect, lastReply, replies, replyDone, send, startChat, test, unique } from "./support/app";
import type { Locator } from "@playwright/test";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/**
 * A number for each element's current React props object: React gives an element new
 * props each time it renders it, so an unchanged number means it was not drawn again.
 */
function renderStamps(elements: Locator): Promise<number[]> {
  return elements.evaluateAll((nodes) =>
    nodes.map((node) => {
      const key = Object.keys(node).find((k) => k.startsWith("__reactProps$"))!;
      const holder = window as unknown as { __seen?: WeakMap<object, number>; __next?: number };
      holder.__seen ??= new WeakMap();
      const props = (node as unknown as Record<string, object>)[key]!;
      if (!holder.__seen.has(props)) holder.__seen.set(props, (holder.__next = (holder.__next ?? 0) + 1));
      return holder.__seen.get(props)!;
    }),
  );
}

const MARKDOWN = [
  "Here is **code**:",
  "",
  "```js",
  "const answer = 6 * 7;",
  "```",
  "",
  "| planet | moons |",
  "| --- | --- |",
  "| Mars | 2 |",
  "",
  "$$",
  "e^{i\\pi} + 1 = 0",
  "$$",
].join("\n");

test("Markdown, reasoning and tool calls render as such", async ({ page }, testInfo) => {
  await startChat(page, `${unique("md")} [[reply:${MARKDOWN}]]`);
  const markdown = await replyDone(page);
  // A highlighted code block with a working copy button.
  const code = markdown.locator('[data-streamdown="code-block"]');
  await expect(code).toContainText("const answer = 6 * 7;");
  await expect(code.locator("span[style]").first()).toBeVisible(); // Shiki colours tokens with inline styles
  await code.getByRole("button", { name: "Copy Code" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("const answer = 6 * 7;");
  // A table and typeset math.
  await expect(markdown.getByRole("table")).toContainText("Mars");
  await expect(markdown.locator(".katex").first()).toBeVisible();

  // Reasoning: open while it streams, collapsed afterwards, readable on demand.
  await send(page, `${unique("think")} [[reasoning:12]] [[tokens:8]]`);
  const reasoning = (await replyDone(page)).getByTestId("reasoning");
  await expect(reasoning).not.toHaveAttribute("open");
  // How long the model thought, measured by the server and kept with the reply.
  await expect(reasoning.locator("summary")).toHaveText(/^Thought for \d+ s›?$/);
  await reasoning.locator("summary").click();
  await expect(reasoning).toContainText("Let me think about this step by step.");

  // A tool call as a compact card with its result; the model's answer follows it.
  await send(page, `${unique("tool")} [[tool:calculator:{"expression":"6*7"}]]`);
  const withTool = await replyDone(page);
  const card = withTool.getByTestId("tool-card");
  await expect(card).toContainText("calculator");
  await expect(card).toContainText("= 42");
  await expect(withTool).toContainText("Tool calculator returned");
  await card.locator("summary").click();
  await expect(card).toContainText('"expression": "6*7"');

  await replies(page).first().evaluate((article) => article.scrollIntoView({ block: "start" }));
  await expect(replies(page).first().getByText("const answer")).toBeVisible();
  await page.waitForTimeout(200); // off-screen content (content-visibility) paints a frame later
  await page.screenshot({ path: testInfo.outputPath("session-markdown.png") });
  await page.getByTestId("thread").evaluate((thread) => thread.scrollTo(0, thread.scrollHeight));
  await page.screenshot({ path: testInfo.outputPath("session-reasoning-tool.png") });
});

test("math in every delimiter models write is typeset; prices and code stay as written", async ({ page }, testInfo) => {
  const reply = String.raw`Inline $x_1 + y^2$ and \(\alpha + \beta\); display:

\[E = mc^2\]

$$\int_0^1 x\,dx$$

It costs $5 and $10 together. Code keeps ` + "`" + String.raw`\(raw\)` + "` as is.";
  await startChat(page, `${unique("math")} [[reply:${reply}]]`);
  const answer = await replyDone(page);
  await expect(answer.locator(".katex")).toHaveCount(4);
  // No delimiter is left showing (outside the code).
  for (const raw of ["$x_1", String.raw`\(\alpha`, String.raw`\[E`, "$$"]) await expect(answer).not.toContainText(raw);
  await expect(answer).toContainText("It costs $5 and $10 together.");
  await expect(answer.locator("code", { hasText: String.raw`\(raw\)` })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("math.png") });
});

test("a long unbroken string wraps inside the reply; code scrolls sideways; the page never does", async ({ page }, testInfo) => {
  const url = `https://example.com/${"a-very-long-path-segment".repeat(12)}?q=${"x".repeat(80)}`;
  const hash = "f".repeat(200);
  const codeLine = `const line = "${"long code ".repeat(30)}";`;
  await startChat(page, `${unique("wrap")} [[reply:See ${url} and ${hash}\n\n\`\`\`js\n${codeLine}\n\`\`\`]]`);
  const reply = await replyDone(page);
  await expect(reply).toContainText(hash);
  const fits = await reply.evaluate((article) => article.scrollWidth <= article.clientWidth + 1);
  expect(fits).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const pre = reply.locator("pre").first();
  expect(await pre.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("long-strings-phone.png") });
});

test("model output cannot run script, link to javascript: or load outside images", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  const payload = [
    "<script>window.__xss = 'script'</script>",
    '<img src=x onerror="window.__xss = \'img\'">',
    "[click me](javascript:alert(1))",
    "![tracker](https://evil.example/pixel.png)",
    "<a href=\"javascript:alert(2)\">raw link</a>",
  ].join("\n\n");
  await startChat(page, `${unique("xss")} [[reply:${payload}]]`);
  const reply = await replyDone(page);
  await expect(reply).toContainText("click me");

  expect(await reply.locator("script").count()).toBe(0);
  expect(await page.locator("script").evaluateAll((scripts) => scripts.filter((s) => s.textContent?.includes("__xss")).length)).toBe(0);
  expect(await reply.locator("[onerror], [onclick], [onload]").count()).toBe(0);
  const hrefs = await reply.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  expect(hrefs.filter((href) => /^\s*javascript:/i.test(href))).toEqual([]);
  await reply.getByText("click me").click();
  // No image from an arbitrary host is requested; it is shown as blocked.
  expect(await reply.locator('img[src*="evil.example"]').count()).toBe(0);
  await expect(reply).toContainText("Image blocked");
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as { __xss?: string }).__xss)).toBeUndefined();
  expect(dialogs).toBe(0);
});

test("a reply shows its token usage on hover and copies its text", async ({ page }) => {
  await startChat(page, `${unique("usage")} [[reply:Copy these exact words.]]`);
  const reply = await replyDone(page);
  await reply.hover();
  await expect(reply.getByTestId("usage")).toBeVisible();
  await expect(reply.getByTestId("usage")).toHaveText(/^\d+ in · \d+ out tokens · cost unknown · test-model$/);
  await reply.getByRole("button", { name: "Copy message" }).click();
  await expect(reply.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("Copy these exact words.");

  // The same after a reload, from the stored message.
  await page.reload();
  await lastReply(page).hover();
  await expect(lastReply(page).getByTestId("usage")).toHaveText(/^\d+ in · \d+ out tokens/);
});

test("a long thread: older messages load on demand; finished ones do not re-render while a reply streams", async ({ page }) => {
  const marker = unique("long");
  const sessionId = await startChat(page, `${marker} [[tokens:3]]`);
  await replyDone(page);
  // 25 more turns through the API: 52 messages, more than the first page holds.
  for (let i = 0; i < 25; i++) {
    const response = await page.request.post(`/api/sessions/${sessionId}/messages`, {
      headers: { accept: "application/json" },
      data: { message: `turn ${i} [[tokens:40]] [[delay:0]] [[first-token-delay:0]]` },
    });
    expect(response.ok()).toBe(true);
  }
  await page.reload();
  await expect(page.locator("article")).toHaveCount(50);
  await expect(page.getByTestId("thread").getByText(marker)).toHaveCount(0);
  // Clicked where it is: scrolling it into view first would load the page by itself (the
  // observer near the top) and take the button away under the click.
  await page.getByRole("button", { name: "Load earlier messages" }).dispatchEvent("click");
  await expect(page.locator("article")).toHaveCount(52);
  await expect(page.getByTestId("thread").getByText(marker)).toBeVisible();
  await expect(page.getByRole("button", { name: "Load earlier messages" })).toHaveCount(0);

  await send(page, "one more [[tokens:200]]");
  await expect(lastReply(page)).toContainText("w10");
  const propsOfFinished = () => renderStamps(page.locator("article.finished-message"));
  const before = await propsOfFinished();
  await expect(lastReply(page)).toContainText("w80");
  const during = await propsOfFinished();
  expect(before.length).toBeGreaterThanOrEqual(52);
  expect(during).toEqual(before);
  await replyDone(page);
  // Typing in the composer does not draw the thread again either.
  const idle = await propsOfFinished();
  await composer(page).pressSequentially("typing 打字 along", { delay: 20 });
  await expect(composer(page)).toHaveValue("typing 打字 along");
  expect(await propsOfFinished()).toEqual(idle);
});

test("code is highlighted in a Web Worker, not on the page's own thread", async ({ page }) => {
  // The first block of a language compiles its grammar: a second of CPU on a phone,
  // which on the page's thread would freeze a streaming reply.
  const worker = page.waitForEvent("worker");
  await startChat(page, `${unique("code")} [[reply:${MARKDOWN}]]`);
  const reply = await replyDone(page);
  await worker;
  const block = reply.locator('[data-streamdown="code-block"]');
  await expect(block.locator("span[style]").first()).toBeVisible();
  await expect(block).toContainText("const answer = 6 * 7;");
});

test.describe("where a policy in front forbids workers", () => {
  test.use({ allowConsoleErrors: [/worker-src|Refused to create a worker/] });

  test("code is still highlighted, on the page's own thread", async ({ page }) => {
    // A proxy in front that sends its own, stricter policy.
    await page.route(/\/c\/|\/$/, async (route) => {
      if (route.request().resourceType() !== "document") return route.continue();
      const response = await route.fetch();
      const policy = (response.headers()["content-security-policy"] ?? "").replace("worker-src 'self'", "worker-src 'none'");
      await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": policy } });
    });
    let workers = 0;
    page.on("worker", () => workers++);
    await startChat(page, `${unique("code")} [[reply:${MARKDOWN}]]`);
    const block = (await replyDone(page)).locator('[data-streamdown="code-block"]');
    await expect(block.locator("span[style]").first()).toBeVisible();
    expect(workers).toBe(0);
  });
});

test("a keystroke draws the message box again only when it fills, empties or gains a line", async ({ page }) => {
  await page.goto("/");
  const box = composer(page);
  await box.pressSequentially("a");
  const filled = await renderStamps(box);
  await box.pressSequentially("bc 打字 words", { delay: 20 });
  await expect(box).toHaveValue("abc 打字 words");
  expect(await renderStamps(box)).toEqual(filled);
  await box.press("Shift+Enter");
  await expect(box).toHaveValue("abc 打字 words\n");
  expect(await renderStamps(box)).not.toEqual(filled);
});

test("scrolling up loads older messages by itself, and what the reader was looking at stays where it was", async ({ page }, testInfo) => {
  const marker = unique("first");
  const sessionId = await startChat(page, `${marker} [[tokens:3]]`);
  await replyDone(page);
  // 44 more turns (the send limit is 50 a minute): 90 messages, a page of 50 and 40 older ones.
  for (let i = 0; i < 44; i++) {
    const response = await page.request.post(`/api/sessions/${sessionId}/messages`, {
      headers: { accept: "application/json" },
      data: { message: `line ${i} 第${i}行 [[tokens:30]] [[delay:0]] [[first-token-delay:0]]` },
    });
    expect(response.ok()).toBe(true);
  }
  // Older pages wait until the test lets them through, so it can see where things were first.
  let release = () => {};
  let requested = () => {};
  const held = new Promise<void>((resolve) => (requested = resolve));
  let first = true;
  await page.route(/\/messages\?.*before=/, async (route) => {
    if (first) {
      first = false;
      requested();
      await new Promise<void>((resolve) => (release = resolve));
    }
    await route.continue();
  });
  await page.reload();
  const articles = page.locator("article");
  await expect(articles).toHaveCount(50);
  const thread = page.getByTestId("thread");
  // The reader scrolls up to the oldest message shown: that asks for the page before it.
  const id = await articles.first().getAttribute("data-message-id");
  await articles.first().scrollIntoViewIfNeeded();
  await held;
  const before = await page.locator(`article[data-message-id="${id}"]`).boundingBox();
  release();
  // The older page arrives without a click, and the same message has not moved.
  await expect(articles).toHaveCount(90);
  const after = await page.locator(`article[data-message-id="${id}"]`).boundingBox();
  expect(Math.abs(after!.y - before!.y)).toBeLessThanOrEqual(2);
  await page.screenshot({ path: testInfo.outputPath("older-loaded.png") });
  // Up to the very first message; nothing more to load.
  await thread.evaluate((element) => element.scrollTo({ top: 0 }));
  await expect(thread.getByText(marker)).toBeInViewport();
  await expect(page.getByRole("button", { name: "Load earlier messages" })).toHaveCount(0);
});

test("the thread follows the stream until the reader scrolls up, then offers a jump to the latest", async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 600 });
  await startChat(page, `${unique("scroll")} [[tokens:700]] [[delay:10]]`);
  const thread = page.getByTestId("thread");
  const distanceFromEnd = () => thread.evaluate((t) => t.scrollHeight - t.scrollTop - t.clientHeight);
  await expect(lastReply(page)).toContainText("w300");
  expect(await distanceFromEnd()).toBeLessThan(60);

  await thread.hover();
  await page.mouse.wheel(0, -400);
  const jump = page.getByRole("button", { name: "Jump to latest" });
  await expect(jump).toBeVisible();
  const held = await thread.evaluate((t) => t.scrollTop);
  await expect(lastReply(page)).toContainText("w500");
  expect(await thread.evaluate((t) => t.scrollTop)).toBe(held);

  await jump.click();
  await expect(jump).toBeHidden();
  await expect(lastReply(page)).toContainText("w650");
  expect(await distanceFromEnd()).toBeLessThan(60);
  await replyDone(page);
});
