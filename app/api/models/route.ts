import { listModels } from "@/lib/ai/providers";
import { authedRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async () => Response.json({ models: listModels() }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
