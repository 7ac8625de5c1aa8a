import { authedRoute, otherMethods } from "@/lib/http/route";
import { listShares } from "@/lib/shares";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_request, identity) => Response.json({ shares: await listShares(identity.userId) }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
