// Attachments: uploaded once, sent in messages, read by the model as images or
// text, kept through regenerate, export and import and share links, owned by
// their uploader, and deleted with the last chat that uses them.
import { describe, expect, inject, it } from "vitest";
import * as schemas from "@/lib/api/schemas";
import { db } from "@/lib/db/client";
import { browserUser, modelRequests, type Client } from "../support/api";
import { png } from "../support/images";
import { textlessPdf, textPdf } from "../support/pdf";

type Attachment = { id: string; name: string; mediaType: string; kind: string; size: number; url: string };

async function upload(client: Client, name: string, bytes: Buffer, type = "application/octet-stream") {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], name, { type }));
  return client.call("POST", "/api/files", { form });
}

async function uploaded(client: Client, name: string, bytes: Buffer, type?: string): Promise<Attachment> {
  const response = await upload(client, name, bytes, type);
  expect(response.status, await response.clone().text()).toBe(201);
  return schemas.attachmentView.parse(await response.json());
}

async function newSession(client: Client, model = "test-model-2") {
  return client.json<{ id: string }>("POST", "/api/sessions", { body: { model } });
}

async function send(client: Client, sessionId: string, body: object) {
  return client.call("POST", `/api/sessions/${sessionId}/messages`, { body, headers: { accept: "application/json" } });
}

/** The user content the model server received last for a message containing `marker`. */
async function sentToModel(marker: string) {
  const requests = await modelRequests(inject("modelServerUrl"));
  const request = requests.filter((r) => r.body.stream !== undefined && JSON.stringify(r.body.messages).includes(marker)).at(-1)!;
  return request.body.messages.filter((m) => m.role === "user").at(-1)!.content as Array<{ type: string; text?: string; image_url?: { url: string } }>;
}

describe("attachments", () => {
  it("an image is stored once by its bytes, served to its owner only, and reaches a vision model as an image part", async () => {
    const ada = await browserUser();
    const image = png(4, 3);
    // The type comes from the bytes, not from what the client says.
    const file = await uploaded(ada, "截图 screenshot.png", image, "text/plain");
    expect(file).toMatchObject({ name: "截图 screenshot.png", mediaType: "image/png", kind: "image", size: image.length, url: `/api/files/${file.id}` });
    expect((await uploaded(ada, "again.png", image)).id).toBe(file.id);

    const download = await ada.call("GET", file.url);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(download.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(Buffer.from(await download.arrayBuffer()).equals(image)).toBe(true);
    const bob = await browserUser();
    expect((await bob.call("GET", file.url)).status).toBe(404);
    expect((await bob.call("GET", "/api/files/not-an-id")).status).toBe(404);

    const session = await newSession(ada);
    const sent = await send(ada, session.id, { message: "what is in this picture? att-vision", attachments: [file.id] });
    expect(sent.status).toBe(200);
    const content = await sentToModel("att-vision");
    expect(content.map((p) => p.type)).toEqual(["text", "image_url"]);
    expect(content[1]!.image_url!.url).toBe(`data:image/png;base64,${image.toString("base64")}`);
    const stored = await db().message.findFirstOrThrow({ where: { sessionId: session.id, role: "user" } });
    expect(stored.parts).toEqual([
      { type: "text", text: "what is in this picture? att-vision" },
      { type: "file", mediaType: "image/png", filename: "截图 screenshot.png", url: file.url },
    ]);

    // Regenerating answers the same message, image included.
    const again = await send(ada, session.id, { regenerate: true });
    expect(again.status).toBe(200);
    const requests = (await modelRequests(inject("modelServerUrl"))).filter((r) => r.body.stream !== undefined && JSON.stringify(r.body.messages).includes("att-vision"));
    expect(requests.length).toBe(2);
    expect(JSON.stringify(requests[1]!.body.messages)).toContain(image.toString("base64"));

    // Someone else's file id in a message: refused, nothing stored.
    const bobSession = await newSession(bob);
    const stolen = await send(bob, bobSession.id, { message: "mine now?", attachments: [file.id] });
    expect(stolen.status).toBe(422);
    expect((await stolen.json()).error.code).toBe("unknown_file");
    expect(await db().message.count({ where: { sessionId: bobSession.id } })).toBe(0);
  });

  it("a text-only model refuses images before anything is stored; text files and PDFs reach it as text", async () => {
    const ada = await browserUser();
    const image = await uploaded(ada, "photo.png", png(2, 2, [200, 10, 10]));
    const session = await newSession(ada, "test-model");
    const refused = await send(ada, session.id, { message: "look", attachments: [image.id] });
    expect(refused.status).toBe(422);
    expect((await refused.json()).error).toMatchObject({ code: "model_cannot_see_images", message: expect.stringContaining("test-model") });
    expect(await db().message.count({ where: { sessionId: session.id } })).toBe(0);

    const csv = await uploaded(ada, "销售 sales.csv", Buffer.from("城市,销量\n上海,120\nBerlin,80\n"));
    expect(csv).toMatchObject({ kind: "text", mediaType: "text/csv" });
    const pdf = await uploaded(ada, "report.pdf", textPdf(["Quarterly report (Q3)", "Revenue grew 12 percent."]));
    expect(pdf).toMatchObject({ kind: "pdf", mediaType: "application/pdf" });
    const response = await send(ada, session.id, {
      message: {
        id: "att-text-1",
        role: "user",
        parts: [
          { type: "text", text: "summarise these att-text" },
          { type: "file", url: csv.url, mediaType: "text/csv", filename: "销售 sales.csv" },
          { type: "file", url: pdf.url, mediaType: "application/pdf" },
        ],
      },
    });
    expect(response.status).toBe(200);
    const content = await sentToModel("att-text");
    const text = content.map((p) => p.text ?? "").join("\n");
    expect(text).toContain('<attachment name="销售 sales.csv" type="text/csv"');
    expect(text).toContain("上海,120");
    expect(text).toContain('<attachment name="report.pdf" type="application/pdf"');
    expect(text).toContain("Revenue grew 12 percent.");
    expect(content.every((p) => p.type === "text")).toBe(true);
    // The file downloads as a file, never as a page.
    const download = await ada.call("GET", csv.url);
    expect(download.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="__ sales.csv"; filename*=UTF-8''${encodeURIComponent("销售 sales.csv")}`);
  });

  it("refuses wrong types, empty, too large, textless PDFs, too many files, and non-multipart bodies, clearly", async () => {
    const ada = await browserUser();
    const cases: Array<[string, Buffer, number, string]> = [
      ["tool.exe", Buffer.from("MZ\x90\x00binary"), 415, "unsupported_file_type"],
      ["drawing.svg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 415, "unsupported_file_type"],
      ["latin1.txt", Buffer.from([0x63, 0x61, 0x66, 0xe9]), 415, "unsupported_file_type"],
      ["empty.txt", Buffer.alloc(0), 422, "empty_file"],
      ["scan.pdf", textlessPdf(), 422, "pdf_without_text"],
      ["broken.pdf", Buffer.from("%PDF-1.4\nnot really a pdf"), 422, "invalid_pdf"],
      ["huge.txt", Buffer.alloc(10 * 1024 * 1024 + 1, 0x61), 413, "file_too_large"],
    ];
    for (const [name, bytes, status, code] of cases) {
      const response = await upload(ada, name, bytes);
      expect([name, response.status]).toEqual([name, status]);
      expect((await response.json()).error.code).toBe(code);
    }
    const notMultipart = await ada.call("POST", "/api/files", { body: { file: "hello" } });
    expect(notMultipart.status).toBe(415);
    expect(await db().attachment.count({ where: { userId: ada.userId } })).toBe(0);

    const files = [];
    for (let i = 0; i < 6; i++) files.push(await uploaded(ada, `note-${i}.md`, Buffer.from(`# Note ${i}`)));
    const session = await newSession(ada);
    const tooMany = await send(ada, session.id, {
      message: { id: "att-many", role: "user", parts: [{ type: "text", text: "six" }, ...files.map((f) => ({ type: "file", url: f.url, mediaType: f.mediaType }))] },
    });
    expect(tooMany.status).toBe(422);
    expect((await tooMany.json()).error.code).toBe("too_many_files");
    const badUrl = await send(ada, session.id, { message: { id: "att-url", role: "user", parts: [{ type: "file", url: "https://evil.example/x.png", mediaType: "image/png" }] } });
    expect(badUrl.status).toBe(422);
  });

  it("export then import into another account brings the files along; a share link shows them; deleting the last chat using a file deletes it", async () => {
    const ada = await browserUser();
    const image = png(3, 3, [10, 200, 10]);
    const file = await uploaded(ada, "green.png", image);
    const notes = await uploaded(ada, "notes.md", Buffer.from("# 笔记\nremember the milk"));
    const first = await newSession(ada);
    expect((await send(ada, first.id, { message: "two files att-export", attachments: [file.id, notes.id] })).status).toBe(200);
    const second = await newSession(ada);
    expect((await send(ada, second.id, { message: "the image again", attachments: [file.id] })).status).toBe(200);

    const exported = schemas.exportDocument.parse(await (await ada.call("GET", `/api/sessions/${first.id}/export`)).json());
    expect(exported.sessions[0]!.attachments.map((a) => [a.name, a.size])).toEqual(
      expect.arrayContaining([
        ["green.png", image.length],
        ["notes.md", notes.size],
      ]),
    );
    const markdown = await (await ada.call("GET", `/api/sessions/${first.id}/export?format=markdown`)).text();
    expect(markdown).toContain("_Attached: green.png_");

    const bob = await browserUser();
    const imported = await bob.call("POST", "/api/import", { body: exported });
    expect(imported.status).toBe(201);
    const [copyId] = schemas.importResult.parse(await imported.json()).sessions;
    const copied = await db().message.findFirstOrThrow({ where: { sessionId: copyId, role: "user" } });
    const urls = (copied.parts as Array<{ type: string; url?: string }>).flatMap((p) => (p.type === "file" ? [p.url!] : []));
    expect(urls).toHaveLength(2);
    expect(urls).not.toContain(file.url);
    const bobImage = await bob.call("GET", urls[0]!);
    expect(bobImage.status).toBe(200);
    expect(Buffer.from(await bobImage.arrayBuffer()).equals(image)).toBe(true);
    // Importing the same file again adds no file either.
    await bob.call("POST", "/api/import", { body: exported });
    expect(await db().attachment.count({ where: { userId: bob.userId } })).toBe(2);

    const share = (await (await ada.call("POST", `/api/sessions/${first.id}/share`)).json()) as { id: string };
    const { sharedFile } = await import("@/lib/shares");
    expect(Buffer.from((await sharedFile(share.id, file.id))!.data).equals(image)).toBe(true);
    const unrelated = await uploaded(ada, "private.png", png(5, 5));
    expect(await sharedFile(share.id, unrelated.id)).toBeNull();

    // The image is still used by the second chat; the notes only by the first.
    expect((await ada.call("DELETE", `/api/sessions/${first.id}`)).status).toBe(204);
    const left = await db().attachment.findMany({ where: { userId: ada.userId }, select: { id: true } });
    expect(left.map((a) => a.id).sort()).toEqual([file.id, unrelated.id].sort());
    expect((await ada.call("DELETE", `/api/sessions/${second.id}`)).status).toBe(204);
    expect((await ada.call("GET", file.url)).status).toBe(404);
  });
});
