// The settings page: the account (password, log out everywhere, delete), API tokens
// used from curl, usage, appearance and the defaults of new chats.
import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { expect, replyDone, startChat, test, unique } from "./support/app";

const PASSWORD = "correct horse battery";

async function register(page: Page, name: string): Promise<void> {
  await page.goto("/login");
  await page.getByRole("tab", { name: "Register" }).click();
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("user-name")).toHaveText(name);
}

/** curl, as a program would call Parley: the HTTP status and the body. */
function curl(url: string, token: string): { status: number; body: string } {
  const out = execFileSync("curl", ["-s", "-w", "\n%{http_code}", url, "-H", `Authorization: Bearer ${token}`], { encoding: "utf8" });
  const cut = out.lastIndexOf("\n");
  return { status: Number(out.slice(cut + 1)), body: out.slice(0, cut) };
}

test.describe("settings", () => {
  // A revoked token's 401 and a wrong password's 403 are logged by the browser.
  test.use({ allowConsoleErrors: [/status of (403 .*\/api\/auth\/(password|me)|401 .*\/api\/auth\/login)/] });

  test("tokens are made in the page and work with curl; usage shows today's tokens; defaults apply to new chats", async ({ page, baseURL }, testInfo) => {
    await startChat(page, `${unique("usage")} [[tokens:12]]`);
    await replyDone(page);
    await register(page, unique("set"));
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

    // Usage: today's reply is in the chart and its table.
    const today = new Date().toISOString().slice(0, 10);
    await expect(page.getByTestId("usage-day")).toHaveCount(1);
    await expect(page.getByTestId("usage-day").first()).toContainText(today);
    await expect(page.getByTestId("usage-chart")).toBeVisible();

    // A token, shown once, used with curl, then revoked.
    const tokens = page.getByRole("region", { name: "API tokens" });
    await tokens.getByRole("textbox", { name: "Name" }).fill("curl 脚本");
    await tokens.getByRole("combobox", { name: "Expires" }).selectOption({ label: "30 days" });
    await tokens.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").innerText()).trim();
    expect(token.length).toBeGreaterThan(20);
    await expect(tokens.getByRole("list", { name: "Your tokens" })).toContainText("curl 脚本");
    await page.screenshot({ path: testInfo.outputPath("settings-tokens.png"), fullPage: true });
    const models = curl(`${baseURL}/v1/models`, token);
    expect(models.status).toBe(200);
    expect(JSON.parse(models.body).data.map((m: { id: string }) => m.id)).toContain("test-model-2");
    await tokens.getByRole("button", { name: "Revoke curl 脚本" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
    await expect(tokens.getByText("No tokens yet.")).toBeVisible();
    expect(curl(`${baseURL}/v1/models`, token).status).toBe(401);

    // Defaults: a new chat starts with them, also after a reload.
    const defaults = page.getByRole("region", { name: "New chats" });
    const saved = () => page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().endsWith("/api/auth/me"));
    let done = saved();
    await defaults.getByRole("combobox", { name: "Default role" }).selectOption("teacher");
    await done;
    done = saved();
    await defaults.getByRole("combobox", { name: "Default model" }).selectOption("test-model-2");
    await done;
    await page.goto("/");
    await expect(page.getByRole("combobox", { name: "Role" })).toHaveValue("teacher");
    await expect(page.getByRole("combobox", { name: "Model" })).toHaveValue("test-model-2");

    // Appearance: dark, kept.
    await page.goto("/settings");
    await page.getByRole("combobox", { name: "Theme" }).selectOption("dark");
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.screenshot({ path: testInfo.outputPath("settings-dark.png"), fullPage: true });
  });

  test("rename, change the password, log out everywhere, delete the account", async ({ page, browser, watch }) => {
    let name = unique("acct");
    await register(page, name);
    await page.goto("/settings");
    const account = page.getByRole("region", { name: "Account" });
    await expect(account.getByTestId("account-name")).toContainText(name);

    // A new name; the account and its password stay.
    const renamed = `${name}-新`;
    await account.getByRole("button", { name: "Rename" }).click();
    await account.getByRole("textbox", { name: "New name" }).fill(renamed);
    await account.getByRole("button", { name: "Save name" }).click();
    await expect(account.getByTestId("account-name")).toContainText(renamed);
    name = renamed;

    // A wrong current password is refused; the right one changes it.
    await account.getByLabel("Current password").fill("not the password");
    await account.getByLabel("New password").fill("a brand new passphrase");
    await account.getByRole("button", { name: "Change password" }).click();
    await expect(account.getByRole("alert")).toContainText("The current password is wrong.");
    await account.getByLabel("Current password").fill(PASSWORD);
    await account.getByRole("button", { name: "Change password" }).click();
    await expect(account.getByRole("status")).toContainText("Password changed");

    // Another browser logs in with the new password; "log out everywhere" ends both.
    const other = await browser.newContext();
    const second = await other.newPage();
    watch(second);
    await second.goto("/login");
    await second.getByRole("textbox", { name: "Name" }).fill(name);
    await second.getByLabel("Password").fill("a brand new passphrase");
    await second.getByRole("button", { name: "Log in" }).click();
    await expect(second.getByTestId("user-name")).toHaveText(name);
    await account.getByRole("button", { name: "Log out everywhere" }).click();
    await expect(page.getByTestId("user-name")).toHaveText("Guest");
    await second.reload();
    await expect(second.getByTestId("user-name")).toHaveText("Guest");

    // The other browser logs in again and deletes the account.
    await second.goto("/login");
    await second.getByRole("textbox", { name: "Name" }).fill(name);
    await second.getByLabel("Password").fill("a brand new passphrase");
    await second.getByRole("button", { name: "Log in" }).click();
    await expect(second.getByTestId("user-name")).toHaveText(name);
    await second.goto("/settings");
    await second.getByRole("button", { name: "Delete account…" }).click();
    const dialog = second.getByRole("dialog", { name: "Delete your account?" });
    await dialog.getByLabel("Your password").fill("wrong one");
    await dialog.getByRole("button", { name: "Delete account" }).click();
    await expect(dialog.getByRole("alert")).toContainText("The password is wrong.");
    await dialog.getByLabel("Your password").fill("a brand new passphrase");
    await dialog.getByRole("button", { name: "Delete account" }).click();
    await expect(second.getByTestId("user-name")).toHaveText("Guest");
    await second.goto("/login");
    await second.getByRole("textbox", { name: "Name" }).fill(name);
    await second.getByLabel("Password").fill("a brand new passphrase");
    await second.getByRole("button", { name: "Log in" }).click();
    await expect(second.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong name or password.");
    await other.close();
  });
});
