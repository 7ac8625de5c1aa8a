import { updateRoleBody } from "@/lib/api/schemas";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { readJson } from "@/lib/http/validation";
import { deleteRole, getRole, updateRole } from "@/lib/roles";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = authedRoute<Params>(async (_request, identity, { id }) => Response.json(await getRole(identity.userId, id)));

export const PATCH = authedRoute<Params>(async (request, identity, { id }) => {
  const body = await readJson(request, updateRoleBody);
  return Response.json(await updateRole(identity.userId, id, body));
});

export const DELETE = authedRoute<Params>(async (_request, identity, { id }) => {
  await deleteRole(identity.userId, id);
  return new Response(null, { status: 204 });
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
