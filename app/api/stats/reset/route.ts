import { authedRoute, otherMethods } from "@/lib/http/route";
import { resetStats } from "@/lib/stats";

export const dynamic = "force-dynamic";

/** Starts a new counting period; history stays. */
export const POST = authedRoute(async (_request, identity) => Response.json(await resetStats(identity.userId)));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
