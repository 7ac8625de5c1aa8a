// Role and model per chat: picked before the first message or changed later,
// own roles made in a dialog; the model server sees what was picked.
import { baseEnv, freshTestDatabase, startInstance } from "./support/instance";
import { expect, lastReply, modelRequestsWith, replyDone, send, startChat, test, unique } from "./support/app";

const systemPrompt = (body: { messages: Array<{ role: string; content: unknown }> }) => String(body.messages.find((m) => m.role === "system")?.content ?? "");

test("a new chat starts with the role and model picked before sending", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("combobox", { name: "Role" }).selectOption({ label: "Programmer" });
  await page.getByRole("combobox", { name: "Model" }).selectOption("test-model-2");
  const marker = unique("picked");
  await send(page, marker);
  await replyDone(page);
  const [sent] = await modelRequestsWith(request, marker);
  expect(sent!.model).toBe("test-model-2");
  expect(systemPrompt(sent!)).toContain("You are an expert software engineer");
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Role" })).toHaveValue("programmer");
  await expect(page.getByRole("combobox", { name: "Model" })).toHaveValue("test-model-2");
});

test("switching role and model in a chat applies to the next message and is kept", async ({ page, request }) => {
  await startChat(page, unique("before"));
  await replyDone(page);
  const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/sessions/"));
  await page.getByRole("combobox", { name: "Role" }).selectOption({ label: "Teacher" });
  await saved;
  const savedModel = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/sessions/"));
  await page.getByRole("combobox", { name: "Model" }).selectOption("test-model-2");
  await savedModel;

  const marker = unique("after");
  await send(page, marker);
  await replyDone(page);
  const [sent] = await modelRequestsWith(request, marker);
  expect(sent!.model).toBe("test-model-2");
  expect(systemPrompt(sent!)).toContain("You are a patient teacher");

  await page.reload();
  await expect(page.getByRole("combobox", { name: "Role" })).toHaveValue("teacher");
  await expect(page.getByRole("combobox", { name: "Model" })).toHaveValue("test-model-2");
});

test("own roles: created and edited in a dialog, then used", async ({ page, request }, testInfo) => {
  await startChat(page, unique("roles"));
  await replyDone(page);
  const name = unique("Pirate ");
  const prompt = `Answer like a pirate. ${unique("arr")}`;

  await page.getByRole("button", { name: "Manage roles" }).click();
  const dialog = page.getByRole("dialog", { name: "Roles" });
  await dialog.getByRole("button", { name: "New role" }).click();
  const form = page.getByRole("dialog").getByRole("form", { name: "New role" });
  await form.getByRole("textbox", { name: "Name" }).fill(name);
  await form.getByRole("textbox", { name: "Description" }).fill("Talks like a pirate");
  await form.getByRole("textbox", { name: "System prompt" }).fill(prompt);
  await page.screenshot({ path: testInfo.outputPath("role-dialog.png") });
  await form.getByRole("button", { name: "Create role" }).click();
  await expect(dialog.getByText(name)).toBeVisible();

  // Edit it: the new name shows in the list and the picker.
  const renamed = `${name} II`;
  await dialog.getByRole("button", { name: `Edit role ${name}` }).click();
  await page.getByRole("dialog").getByRole("textbox", { name: "Name" }).fill(renamed);
  await page.getByRole("dialog").getByRole("button", { name: "Save role" }).click();
  await expect(dialog.getByText(renamed)).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();

  const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/sessions/"));
  await page.getByRole("combobox", { name: "Role" }).selectOption({ label: renamed });
  await saved;
  const marker = unique("ahoy");
  await send(page, marker);
  await replyDone(page);
  const [sent] = await modelRequestsWith(request, marker);
  expect(systemPrompt(sent!)).toContain(prompt);
});

test("without a model server the local model is labelled as an offline demo", async ({ page }) => {
  test.setTimeout(60_000);
  const db = await freshTestDatabase();
  const app = await startInstance(3231, baseEnv({ ...db.env, OPENAI_BASE_URL: "", OPENAI_API_KEY: "", PARLEY_MODELS: "", PARLEY_LOCAL_MODEL_DELAY_MS: "1" }));
  try {
    await page.goto(app.url);
    const model = page.getByRole("combobox", { name: "Model" });
    await expect(model.locator("option")).toHaveText(["Local (offline demo)"]);
    await expect(page.getByText("Demo", { exact: true })).toBeVisible();
    await send(page, "hello local model");
    await expect(lastReply(page)).not.toBeEmpty();
    await replyDone(page, 30_000);
  } finally {
    // Leave first: chunks the page loads later would fail against a stopped server.
    await page.goto("about:blank");
    await app.stop();
    await db.drop();
  }
});
