// Accessibility: axe (WCAG 2.1 A and AA) finds nothing on any page, in the light and
// the dark theme; a skip link leads to the content; finished replies are announced.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, replyDone, startChat, test, unique } from "./support/app";

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme, allowConsoleErrors: [/status of 404/] });

    test(`axe finds nothing on any page (${colorScheme})`, async ({ page }, testInfo) => {
      test.setTimeout(120_000);
      const sessionId = await startChat(page, `${unique("axe")} [[reply:# Title\n\nSome **bold** text, a [link](https://example.com) and code:\n\n\`\`\`ts\nconst x = 1;\n\`\`\`\n\n| a | b |\n|---|---|\n| 1 | 2 |]] [[reasoning]]`);
      await replyDone(page);
      const share = await page.request.post(`/api/sessions/${sessionId}/share`, { headers: { origin: new URL(page.url()).origin } });
      const { url } = (await share.json()) as { url: string };
      const pages = ["/", `/c/${sessionId}`, "/settings", "/docs", "/login", new URL(url).pathname, "/no-such-page"];
      const found: Record<string, string[]> = {};
      for (const path of pages) {
        await page.goto(path);
        await page.waitForLoadState("load");
        const problems = await violations(page);
        if (problems.length) found[path] = problems;
        await page.screenshot({ path: testInfo.outputPath(`${path.replace(/\W+/g, "_") || "home"}.png`), fullPage: true });
      }
      expect(found).toEqual({});
    });
  });
}

test("a skip link leads past the sidebar to the conversation", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to conversation" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await skip.press("Enter");
  await expect(page.locator("#main")).toBeFocused();
});

test("a finished reply is announced to screen readers, and focus stays in the composer", async ({ page }) => {
  const marker = unique("announce");
  await startChat(page, `${marker} [[tokens:5]]`);
  await replyDone(page);
  const live = page.getByTestId("reply-announcer");
  await expect(live).toHaveAttribute("aria-live", "polite");
  await expect(live).toContainText("w1 w2 w3 w4 w5");
  await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeFocused();
});

test("focus returns to the composer after Stop and after starting a new chat", async ({ page }) => {
  await startChat(page, `${unique("focus")} [[tokens:400]]`);
  await expect(page.locator('article[data-role="assistant"]').last()).toContainText("w10");
  await page.getByRole("button", { name: "Stop reply" }).click();
  const composer = page.getByRole("textbox", { name: "Message", exact: true });
  await expect(composer).toBeFocused();
  await replyDone(page);
  await page.getByRole("complementary", { name: "Sidebar" }).getByRole("button", { name: "New chat" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(composer).toBeFocused();
});
