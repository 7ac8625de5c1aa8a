// OpenAI's model list: the models this server offers (as GET /api/models).
import { openAIOtherMethods, openAIRoute } from "@/lib/openai/errors";
import { requireApiToken } from "@/lib/openai/identity";
import { modelObjects } from "@/lib/openai/models";

export const dynamic = "force-dynamic";

export const GET = openAIRoute(async (request) => {
  await requireApiToken(request);
  return Response.json({ object: "list", data: modelObjects() });
});

export const { POST, PUT, PATCH, DELETE } = openAIOtherMethods("GET");
