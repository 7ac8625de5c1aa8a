// The API reference at /docs, rendered from the OpenAPI document.
import { expect, test } from "@playwright/test";

test("/docs lists every route of the OpenAPI document", async ({ page, request }, testInfo) => {
  const document = await (await request.get("/api/openapi.json")).json();
  await page.goto("/docs");
  await expect(page.getByRole("heading", { name: "Parley API", level: 1 })).toBeVisible();
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(item)) {
      await expect(page.locator(`section[id="${`${method}-${path}`.replace(/[^a-z0-9]+/gi, "-")}"]`)).toBeVisible();
    }
  }
  await expect(page.locator("#schema-Message")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("docs.png") });
});
