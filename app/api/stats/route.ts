import { authedRoute, otherMethods } from "@/lib/http/route";
import { getStats } from "@/lib/stats";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_request, identity) => Response.json(await getStats(identity.userId)));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
