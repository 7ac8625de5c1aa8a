// The UI in Chinese: chosen by the browser's languages (Accept-Language) or by the
// parley-locale cookie the language switch writes. A missing translation logs a
// console error in the production build, which fails these tests too.
import { expect, lastReply, test, unique } from "./support/app";
import type { Page } from "@playwright/test";

const zhComposer = (page: Page) => page.getByRole("textbox", { name: "消息", exact: true });
const zhSidebar = (page: Page) => page.getByRole("complementary", { name: "侧边栏" });

test.describe("a browser that asks for Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("sees the home page in Chinese", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(zhComposer(page)).toBeVisible();
    await expect(zhComposer(page)).toHaveAttribute("placeholder", "给 Parley 发消息");
    await expect(page.getByRole("button", { name: "发送", exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "今天想聊点什么？" })).toBeVisible();
    const sidebar = zhSidebar(page);
    await expect(sidebar.getByRole("button", { name: "新对话" })).toBeVisible();
    await expect(sidebar.getByRole("searchbox", { name: "搜索对话" })).toBeVisible();
    await expect(sidebar.getByRole("status")).toHaveText("还没有对话。");
    await expect(sidebar.getByTestId("user-name")).toHaveText("访客");
    // Built-in roles by their Chinese names (the API keeps them in English).
    await expect(page.getByRole("combobox", { name: "角色" }).locator('option[value="assistant"]')).toHaveText("助手");
    // Nothing of the English UI is left.
    await expect(page.getByRole("textbox", { name: "Message", exact: true })).toHaveCount(0);
  });
});

test("the parley-locale cookie switches the UI to Chinese, and chatting works in it", async ({ page, baseURL }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeVisible();

  await page.context().addCookies([{ name: "parley-locale", value: "zh", url: baseURL! }]);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(zhSidebar(page).getByRole("button", { name: "新对话" })).toBeVisible();

  const marker = unique("你好");
  await zhComposer(page).fill(`${marker} [[reasoning:4]]`);
  await zhComposer(page).press("Enter");
  await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  // The reply is done when Send is back and the last reply no longer streams.
  await expect(page.getByRole("button", { name: "发送", exact: true })).toBeVisible({ timeout: 20_000 });
  const reply = lastReply(page);
  await expect(reply).not.toHaveAttribute("data-status", "streaming");
  await expect(reply).toContainText(marker);
  await expect(reply.getByTestId("reasoning").locator("summary")).toHaveText(/^思考了 \d+ 秒›?$/);

  // The reply's actions, and the question's, are in Chinese (shown on hover; present for assistive technology).
  await expect(reply.getByRole("button", { name: "复制", exact: true })).toBeVisible();
  await expect(reply.getByRole("button", { name: "重新生成", exact: true })).toBeVisible();
  await expect(page.locator('article[data-role="user"]').getByRole("button", { name: "编辑", exact: true })).toBeVisible();
  await expect(reply.getByTestId("usage")).toContainText("输入");
  await expect(zhSidebar(page).getByRole("heading", { name: "今天" })).toBeVisible();
});

test("the language switch in Settings turns the whole UI Chinese, and the account keeps the choice", async ({ page, browser, baseURL }, testInfo) => {
  await page.goto("/settings");
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
  await expect(page.getByRole("heading", { name: "设置", level: 1 })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  for (const section of ["账户", "外观", "新对话", "API 令牌", "用量", "你的数据", "分享链接"]) {
    await expect(page.getByRole("region", { name: section })).toBeVisible();
  }
  await page.screenshot({ path: testInfo.outputPath("settings-zh.png"), fullPage: true });
  await page.goto("/docs");
  await expect(page.getByRole("navigation", { name: "目录" })).toBeVisible();

  // The guest's choice is kept with the account: the same cookie in another browser with no
  // language cookie and an English Accept-Language still gets Chinese.
  const session = (await page.context().cookies()).find((c) => c.name.includes("parley.session"))!;
  const other = await browser.newContext({ locale: "en-US" });
  await other.addCookies([{ name: session.name, value: session.value, url: baseURL! }]);
  const second = await other.newPage();
  await second.goto("/");
  await expect(second.locator("html")).toHaveAttribute("lang", "zh-CN");
  await other.close();
});
