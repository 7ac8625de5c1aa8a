// The frame around the chat: phone layout, themes, keyboard shortcuts, names of controls.
import { composer, expect, replyDone, sessionLinks, sidebar, startChat, test, unique } from "./support/app";

test.describe("on a phone (375×812)", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test("the sidebar is a drawer", async ({ page }, testInfo) => {
    const title = unique("Phone chat ");
    await startChat(page, `[[title:${title}]] hi from a phone`);
    await replyDone(page);
    await expect(sidebar(page)).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath("mobile-chat.png") });
    // Nothing overflows sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByRole("button", { name: "Open sidebar" }).click();
    await expect(sidebar(page)).toBeVisible();
    await expect(sessionLinks(page).first()).toContainText(title);
    await expect.poll(async () => (await sidebar(page).boundingBox())?.x).toBe(0); // slid all the way in
    await page.screenshot({ path: testInfo.outputPath("mobile-drawer.png") });
    await page.getByRole("button", { name: "Close sidebar" }).click();
    await expect(sidebar(page)).toBeHidden();

    // Choosing a chat, or a new one, closes the drawer.
    await page.getByRole("button", { name: "Open sidebar" }).click();
    await sidebar(page).getByRole("button", { name: "New chat" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(sidebar(page)).toBeHidden();
    await page.getByRole("button", { name: "Open sidebar" }).click();
    await sessionLinks(page).first().click();
    await expect(page).toHaveURL(/\/c\//);
    await expect(sidebar(page)).toBeHidden();
    await expect(page.getByTestId("chat-title")).toHaveText(title);

    // A touch keyboard's Enter is a new line (the button sends); targets are finger-sized; no shortcut hints.
    await composer(page).fill("line one");
    await composer(page).press("Enter");
    await expect(composer(page)).toHaveValue("line one\n");
    for (const name of ["Send message", "Open sidebar", "Chat settings"]) {
      const box = await page.getByRole("button", { name }).boundingBox();
      expect([name, box!.height >= 44 && box!.width >= 44]).toEqual([name, true]);
    }
    await expect(page.getByText("Enter to send")).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath("mobile-composer.png") });
  });
});

test.describe("themes", () => {
  test.use({ colorScheme: "dark" });

  test("follow the system, and a chosen theme sticks without a flash", async ({ page }, testInfo) => {
    // What the page looked like before any React code ran.
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        (window as { __firstPaintDark?: boolean }).__firstPaintDark = document.documentElement.classList.contains("dark");
      });
    });
    await startChat(page, `${unique("dark")} [[reply:Some **bold** text and \`code\`.]]`);
    await replyDone(page);
    const html = page.locator("html");
    await expect(html).toHaveClass(/dark/);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe("rgb(255, 255, 255)");
    await page.screenshot({ path: testInfo.outputPath("dark.png") });

    await page.getByRole("button", { name: "Switch to light theme" }).click();
    await expect(html).not.toHaveClass(/dark/);
    await page.reload();
    expect(await page.evaluate(() => (window as { __firstPaintDark?: boolean }).__firstPaintDark)).toBe(false);
    await expect(html).not.toHaveClass(/dark/);

    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await page.emulateMedia({ colorScheme: "light" });
    await page.reload();
    expect(await page.evaluate(() => (window as { __firstPaintDark?: boolean }).__firstPaintDark)).toBe(true);
    await expect(html).toHaveClass(/dark/);

    // Back to the system's theme, which is followed live.
    await page.screenshot({ path: testInfo.outputPath("chosen-dark.png") });
    await page.getByRole("button", { name: "Follow the system theme" }).click();
    await expect(html).not.toHaveClass(/dark/);
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(html).toHaveClass(/dark/);
    await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("system.png") });
    await page.reload();
    expect(await page.evaluate(() => (window as { __firstPaintDark?: boolean }).__firstPaintDark)).toBe(true);
  });
});

test("keyboard shortcuts: search, message box, new chat, and a list of them", async ({ page }) => {
  await startChat(page, unique("keys"));
  await replyDone(page);

  await page.keyboard.press("Control+k");
  await expect(page.getByRole("searchbox", { name: "Search chats" })).toBeFocused();
  await page.keyboard.press("Shift+Escape");
  await expect(composer(page)).toBeFocused();
  await page.keyboard.press("Control+/");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Ctrl+Shift+O");
  await expect(help).toContainText("New chat");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.keyboard.press("Control+Shift+O");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "What’s on your mind?" })).toBeVisible();
  // Shortcuts are shown on the controls too.
  await expect(sidebar(page).getByRole("button", { name: "New chat" })).toHaveAttribute("title", "New chat (Ctrl+Shift+O)");
});

test("every control has an accessible name", async ({ page }) => {
  await startChat(page, unique("names"));
  const reply = await replyDone(page);
  await reply.hover();
  const unnamed = await page.locator("button, a, input, textarea, select").evaluateAll((controls) =>
    controls
      .filter((control) => {
        const labelled = control.getAttribute("aria-label") || control.getAttribute("aria-labelledby") || (control as HTMLInputElement).labels?.length;
        return !labelled && !control.textContent?.trim() && !control.getAttribute("title");
      })
      .map((control) => control.outerHTML.slice(0, 120)),
  );
  expect(unnamed).toEqual([]);
});
