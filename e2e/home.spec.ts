import { expect, test } from "./support/app";

test("the home page loads complete: sidebar, empty chat, role and model pickers", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Parley");
  await expect(page.getByRole("heading", { name: "What’s on your mind?" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Sidebar" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Role" })).toHaveValue("assistant");
  await expect(page.getByRole("combobox", { name: "Model" })).toHaveValue("test-model");
  await expect(page.getByTestId("user-name")).toHaveText("Guest");
  await page.screenshot({ path: testInfo.outputPath("home.png") });
});

test("health tells a stranger it is ok, and nothing more", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});

test("the icon is in every page's head, and at /favicon.ico where browsers look for it unasked", async ({ page, request }) => {
  await page.goto("/login");
  const href = await page.locator('head link[rel="icon"]').getAttribute("href");
  expect(href).toMatch(/^\/favicon\.ico/);
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toBe("image/x-icon");
});
