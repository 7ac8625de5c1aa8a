// The offered models as OpenAI's `model` objects.
import { listModels } from "../ai/providers";
import { checkModel } from "./completion";

// Models have no creation time here; a fixed one keeps the answer stable.
const CREATED = 1_767_225_600; // 2026-01-01

export function modelObjects() {
  return listModels().map((model) => ({ id: model.id, object: "model", created: CREATED, owned_by: model.local ? "parley" : "system" }));
}

export function modelObject(id: string) {
  checkModel(id);
  return modelObjects().find((model) => model.id === id)!;
}
