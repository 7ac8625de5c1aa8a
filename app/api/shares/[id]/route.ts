import { ApiError } from "@/lib/http/errors";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { deleteShare } from "@/lib/shares";

export const dynamic = "force-dynamic";

/** Deletes a share link: it answers 404 from now on. */
export const DELETE = authedRoute<{ id: string }>(async (_request, identity, { id }) => {
  if (!/^[\w-]{1,64}$/.test(id)) throw new ApiError(404, "not_found", "Share not found");
  await deleteShare(identity.userId, id);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
