import { me } from "@/lib/account";
import { authedRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_request, identity) => Response.json({ user: await me(identity.userId) }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
