import { exportAll } from "@/lib/export";
import { attachment } from "@/lib/http/download";
import { authedRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Every chat of the user in Parley's JSON format, streamed as it is read (any number of chats). */
export const GET = authedRoute(async (_request, identity) => {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(exportAll(identity.userId), {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": attachment(`parley-export-${day}.json`) },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
