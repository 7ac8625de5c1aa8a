import { attachmentForDownload } from "@/lib/attachments";
import { fileResponse } from "@/lib/http/download";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { pathId } from "@/lib/http/validation";

export const dynamic = "force-dynamic";

/** One of your files, with its type; images inline, anything else as a download. */
export const GET = authedRoute<{ id: string }>(async (_request, identity, { id }) => fileResponse(await attachmentForDownload(identity.userId, pathId(id, "File"))));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
