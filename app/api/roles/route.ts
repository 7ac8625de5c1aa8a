import { createRoleBody } from "@/lib/api/schemas";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { readJson } from "@/lib/http/validation";
import { createRole, listRoles } from "@/lib/roles";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_request, identity) => Response.json({ roles: await listRoles(identity.userId) }));

export const POST = authedRoute(async (request, identity) => {
  const body = await readJson(request, createRoleBody);
  return Response.json(await createRole(identity.userId, body), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
