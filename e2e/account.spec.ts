// Guest by default; register, log in elsewhere, log out; sessions stay private.
import { expect, replyDone, sessionLinks, startChat, test, unique } from "./support/app";

const PASSWORD = "correct horse battery";

test.describe("accounts", () => {
  // The wrong password below is a 401, which the browser logs.
  test.use({ allowConsoleErrors: [/status of 401 .*\/api\/auth\/login/] });

  test("a guest registers, logs in from another browser, sees the same chats, and logs out", async ({ page, browser, watch }, testInfo) => {
    const title = unique("Kept ");
    const sessionId = await startChat(page, `[[title:${title}]] remember me`);
    await replyDone(page);
    await expect(page.getByTestId("user-name")).toHaveText("Guest");

    // Register the guest: same chats, now with a name.
    const name = unique("ada");
    await page.getByRole("link", { name: "Log in" }).click();
    await page.getByRole("tab", { name: "Register" }).click();
    await page.getByRole("textbox", { name: "Name" }).fill(name);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.screenshot({ path: testInfo.outputPath("login.png") });
    await page.getByRole("button", { name: "Create account" }).click();
    // Back where the guest was: the same chat, now the account's.
    await expect(page).toHaveURL(new RegExp(`/c/${sessionId}$`));
    await expect(page.getByTestId("user-name")).toHaveText(name);
    await expect(sessionLinks(page).first()).toContainText(title);

    // Another browser (no cookies): a guest until it logs in.
    const other = await browser.newContext();
    const second = await other.newPage();
    watch(second);
    await second.goto("/login");
    await second.getByRole("textbox", { name: "Name" }).fill(name);
    await second.getByLabel("Password").fill("wrong password");
    await second.getByRole("button", { name: "Log in" }).click();
    await expect(second.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong name or password.");
    await second.getByLabel("Password").fill(PASSWORD);
    await second.getByRole("button", { name: "Log in" }).click();
    await expect(second.getByTestId("user-name")).toHaveText(name);
    await expect(sessionLinks(second).first()).toContainText(title);

    // Log out: a fresh guest with no chats.
    await second.getByRole("button", { name: "Log out" }).click();
    await expect(second.getByTestId("user-name")).toHaveText("Guest");
    await expect(sessionLinks(second)).toHaveCount(0);
    await other.close();
  });
});

test.describe("someone else's session", () => {
  test.use({ allowConsoleErrors: [/status of 404/] });

  test("is a 404 page for another user", async ({ page, browser, watch }) => {
    const secret = unique("private");
    const sessionId = await startChat(page, secret);
    await replyDone(page);
    const other = await browser.newContext();
    const stranger = await other.newPage();
    watch(stranger);
    const response = await stranger.goto(`/c/${sessionId}`);
    expect(response?.status()).toBe(404);
    await expect(stranger.getByRole("heading", { name: "Chat not found" })).toBeVisible();
    await expect(stranger.getByText(secret)).toHaveCount(0);
    expect((await stranger.request.get(`/api/sessions/${sessionId}/messages`)).status()).toBe(404);
    await other.close();
  });

  test("the 404 page says what was not found", async ({ page }) => {
    expect((await page.goto("/settings/nothing-here"))!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText("There is no page at /settings/nothing-here.")).toBeVisible();
    expect((await page.goto("/s/AAAAAAAAAAAAAAAAAAAAAA"))!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Shared chat not found" })).toBeVisible();
  });
});
