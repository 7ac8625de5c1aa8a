// An attachment shown in a shared chat, for anyone with the link: only the files the snapshot shows.
import { fileResponse } from "@/lib/http/download";
import { route } from "@/lib/http/route";
import { sharedFile } from "@/lib/shares";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string; fileId: string }>(async (_request, { id, fileId }) => {
  const file = await sharedFile(id, fileId);
  if (!file) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const response = fileResponse(file);
  response.headers.set("x-robots-tag", "noindex");
  return response;
});
