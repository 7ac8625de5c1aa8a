// Attachments in the browser: picked, pasted (a screenshot) and dropped; shown
// as chips while they upload, then in the sent message; refused up front for a
// model that does not take images.
import type { Page } from "@playwright/test";
import { png } from "../tests/support/images";
import { composer, editMessage, expect, lastReply, replyDone, send, test, unique, userMessages } from "./support/app";

const IMAGE = png(64, 40, [30, 144, 255]);

/** Hands files to the page as a DataTransfer (what a paste or a drop carries). */
async function dataTransfer(page: Page, files: Array<{ name: string; type: string; base64: string }>) {
  return page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const file of list) data.items.add(new File([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], file.name, { type: file.type }));
    return data;
  }, files);
}

const chips = (page: Page) => page.getByRole("list", { name: "Attached files" }).getByRole("listitem");

async function pickModel(page: Page, model: string) {
  await page.getByRole("combobox", { name: "Model" }).selectOption(model);
}

test("attach by picker, paste and drop; the model gets them and the sent message shows them", async ({ page }, testInfo) => {
  await page.goto("/");
  await pickModel(page, "test-model-2");
  await page.getByLabel("Files to attach").setInputFiles([
    { name: "蓝色 blue.png", mimeType: "image/png", buffer: IMAGE },
    { name: "notes.md", mimeType: "text/markdown", buffer: Buffer.from("# 会议 Meeting\nship on Friday") },
  ]);
  await expect(chips(page)).toHaveCount(2);
  await expect(chips(page).filter({ hasText: "notes.md" })).toHaveAttribute("data-state", "ready");

  // A screenshot pasted into the composer.
  const pasted = await dataTransfer(page, [{ name: "screenshot.png", type: "image/png", base64: png(20, 20, [250, 80, 80]).toString("base64") }]);
  await composer(page).focus();
  await page.evaluate((data) => document.activeElement!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })), pasted);
  await expect(chips(page)).toHaveCount(3);

  // A file dropped on the composer.
  const dropped = await dataTransfer(page, [{ name: "data.csv", type: "text/csv", base64: Buffer.from("a,b\n1,2\n").toString("base64") }]);
  const form = page.getByRole("form", { name: "Send a message" });
  await form.dispatchEvent("dragover", { dataTransfer: dropped });
  await expect(form.locator("[data-dragging]")).toHaveCount(1);
  await form.dispatchEvent("drop", { dataTransfer: dropped });
  await expect(chips(page)).toHaveCount(4);
  await expect(page.locator('[data-state="uploading"]')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("composer-attachments.png") });

  // One removed before sending.
  await page.getByRole("button", { name: "Remove data.csv" }).click();
  await expect(chips(page)).toHaveCount(3);
  const marker = unique("att");
  await send(page, `describe these ${marker}`);
  await replyDone(page);
  await expect(chips(page)).toHaveCount(0);
  const sent = userMessages(page).last();
  await expect(sent.getByRole("img", { name: "蓝色 blue.png" })).toBeVisible();
  await expect(sent.getByRole("img", { name: "screenshot.png" })).toBeVisible();
  await expect(sent.getByRole("link", { name: "notes.md" })).toHaveAttribute("download", "notes.md");
  // The model read the text file (the test model echoes what it was sent).
  await expect(lastReply(page)).toContainText("ship on Friday");
  expect(await sent.getByRole("img", { name: "蓝色 blue.png" }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  await page.screenshot({ path: testInfo.outputPath("sent-attachments.png") });

  // After a reload the message still shows its files, from the server.
  await page.reload();
  await expect(userMessages(page).last().getByRole("img", { name: "蓝色 blue.png" })).toBeVisible();

  // An edited message keeps its attachments.
  await editMessage(page, userMessages(page).last(), `edited ${marker}`);
  await replyDone(page);
  await expect(userMessages(page).last()).toContainText(`edited ${marker}`);
  await expect(lastReply(page)).toContainText("ship on Friday");
  await page.reload();
  await expect(userMessages(page).last().getByRole("img", { name: "蓝色 blue.png" })).toBeVisible();
  await expect(userMessages(page).last().getByRole("link", { name: "notes.md" })).toBeVisible();
});

test.describe(() => {
  // The refused upload's 415, which the browser reports.
  test.use({ allowConsoleErrors: [/status of 415 .*\/api\/files/] });
test("a model that does not take images says so before sending; a bad file shows its error", async ({ page }) => {
  await page.goto("/");
  await pickModel(page, "test-model");
  await page.getByLabel("Files to attach").setInputFiles([{ name: "photo.png", mimeType: "image/png", buffer: IMAGE }]);
  await expect(page.getByRole("alert").filter({ hasText: "This model does not take images" })).toBeVisible();
  await composer(page).fill("what is this?");
  await expect(page.getByRole("button", { name: "Send message" })).toBeDisabled();
  await pickModel(page, "test-model-2");
  await expect(page.getByRole("button", { name: "Send message" })).toBeEnabled();

  await page.getByLabel("Files to attach").setInputFiles([{ name: "tool.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ binary") }]);
  await expect(chips(page).filter({ hasText: "tool.exe" })).toHaveAttribute("data-state", "error");
  await expect(chips(page).filter({ hasText: "tool.exe" })).toContainText("Parley takes PNG, JPEG, WebP and GIF images");
  await expect(page.getByRole("button", { name: "Send message" })).toBeDisabled();
  await page.getByRole("button", { name: "Remove tool.exe" }).click();
  await expect(page.getByRole("button", { name: "Send message" })).toBeEnabled();
});
});
