import { openApiDocument } from "@/lib/api/openapi";
import { route, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async () => Response.json(openApiDocument()));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
