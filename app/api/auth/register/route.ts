import { register } from "@/lib/account";
import { credentialsBody } from "@/lib/api/schemas";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { readJson } from "@/lib/http/validation";

export const dynamic = "force-dynamic";

/** The current (guest) user takes a name and password, keeping their sessions. */
export const POST = authedRoute(async (request, identity) => {
  const { name, password } = await readJson(request, credentialsBody);
  return Response.json({ user: await register(identity.userId, name, password) }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
