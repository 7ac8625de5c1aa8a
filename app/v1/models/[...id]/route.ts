// One model, as OpenAI's clients retrieve it (ids may hold slashes: "deepseek/deepseek-r1").
import { openAIOtherMethods, openAIRoute } from "@/lib/openai/errors";
import { requireApiToken } from "@/lib/openai/identity";
import { modelObject } from "@/lib/openai/models";

export const dynamic = "force-dynamic";

export const GET = openAIRoute<{ id: string[] }>(async (request, { id }) => {
  await requireApiToken(request);
  return Response.json(modelObject(id.map(decodeURIComponent).join("/")));
});

export const { POST, PUT, PATCH, DELETE } = openAIOtherMethods("GET");
