import { MAX_ATTACHMENT_BYTES, uploadAttachment } from "@/lib/attachments";
import { ApiError } from "@/lib/http/errors";
import { authedRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Room for the multipart framing around one file of the largest size. */
const MAX_BODY_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024;

/** Uploads one file (multipart/form-data, field "file") → 201 with its id and the url a message's file part refers to. */
export const POST = authedRoute(async (request, identity) => {
  if (!/^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "")) {
    throw new ApiError(415, "unsupported_media_type", 'Send the file as multipart/form-data in a field named "file".');
  }
  const length = request.headers.get("content-length");
  if (length === null) throw new ApiError(411, "length_required", "Send Content-Length with the upload.");
  if (Number(length) > MAX_BODY_BYTES) throw new ApiError(413, "file_too_large", `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new ApiError(400, "invalid_multipart", "The body is not valid multipart/form-data.");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new ApiError(422, "invalid_body", 'file: expected a file in the field named "file"');
  const created = await uploadAttachment(identity.userId, { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
  return Response.json(created, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
