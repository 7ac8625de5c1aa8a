// Shared by the UI specs: a `page` that fails its test on any browser console
// error (unless the test allows that one), and small steps every spec takes.
import { test as base, expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export { expect };

export const MODEL_SERVER = `http://127.0.0.1:${process.env.E2E_MODEL_PORT ?? "4010"}`;

type Fixtures = {
  /** Console messages a test expects (e.g. a 404 it provokes), matched against each error's text. */
  allowConsoleErrors: RegExp[];
  /** Watches another page (a second browser context) for console errors too. */
  watch: (page: Page) => void;
};

export const test = base.extend<Fixtures>({
  allowConsoleErrors: [[], { option: true }],
  // (`provide` is Playwright's `use`, renamed so React's hook lint leaves it alone.)
  watch: async ({ allowConsoleErrors }, provide) => {
    const errors: string[] = [];
    const allowed = (text: string) => allowConsoleErrors.some((pattern) => pattern.test(text));
    await provide((page) => {
      page.on("console", (message) => {
        const text = `${message.text()} (${message.location().url})`;
        if (message.type() === "error" && !allowed(text)) errors.push(`console: ${text}`);
      });
      page.on("pageerror", (error) => !allowed(error.message) && errors.push(`page error: ${error.message}`));
    });
    expect(errors, "browser console errors").toEqual([]);
  },
  page: async ({ page, watch }, provide) => {
    watch(page);
    await provide(page);
  },
});

/** A word no other test uses, so tests can share one server and database. */
export const unique = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 8)}`;

export const composer = (page: Page) => page.getByRole("textbox", { name: "Message", exact: true });
export const replies = (page: Page) => page.locator('article[data-role="assistant"]');
export const lastReply = (page: Page) => replies(page).last();
export const userMessages = (page: Page) => page.locator('article[data-role="user"]');

/** Opens the edit of one of your messages (its buttons show on hover), writes `text` and saves it. */
export async function editMessage(page: Page, message: Locator, text: string): Promise<void> {
  await message.hover();
  await message.getByRole("button", { name: "Edit message" }).click();
  await page.getByRole("textbox", { name: "Edited message" }).fill(text);
  await page.getByRole("button", { name: "Save and send" }).click();
}
export const sidebar = (page: Page) => page.getByRole("complementary", { name: "Sidebar" });
export const sessionLinks = (page: Page) => sidebar(page).locator("li[data-session-id] a");

export async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  // On a touch screen Enter is a new line: the button sends.
  if (await page.evaluate(() => matchMedia("(pointer: coarse)").matches)) await page.getByRole("button", { name: "Send message" }).click();
  else await composer(page).press("Enter");
}

/** Waits until no reply runs (the Send button is back) and the last reply has settled. */
export async function replyDone(page: Page, timeout = 20_000): Promise<Locator> {
  await expect(page.getByRole("button", { name: "Send message" })).toBeVisible({ timeout });
  await expect(lastReply(page)).not.toHaveAttribute("data-status", "streaming");
  return lastReply(page);
}

/** Starts a chat from "/" and returns its session id (the URL becomes /c/<id>). */
export async function startChat(page: Page, text: string): Promise<string> {
  await page.goto("/");
  await send(page, text);
  await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

type RecordedRequest = { body: { model?: string; stream?: boolean; messages: Array<{ role: string; content: unknown }> } };

/** The streamed completions requests the test model server got whose last user message contains `marker`. */
export async function modelRequestsWith(request: APIRequestContext, marker: string): Promise<RecordedRequest["body"][]> {
  const all = (await (await request.get(`${MODEL_SERVER}/__requests`)).json()) as RecordedRequest[];
  const text = (content: unknown) => (typeof content === "string" ? content : JSON.stringify(content));
  const lastUserText = (body: RecordedRequest["body"]) => text(body.messages.findLast((m) => m.role === "user")?.content ?? "");
  // Streamed requests only: title requests (not streamed) quote the first message too.
  return all.map((r) => r.body).filter((body) => body.stream === true && lastUserText(body).includes(marker));
}
