// Setup file of the integration projects, run in each test file's worker before
// the file: the model settings point at the project's model server, and the
// embedded project's in-memory database is set up.
import { inject } from "vitest";

process.env.OPENAI_BASE_URL = inject("modelServerUrl");
process.env.OPENAI_API_KEY = "test-key";
process.env.PARLEY_MODELS = "test-model,test-model-2";
// test-model-2 takes images; test-model is text-only.
process.env.PARLEY_VISION_MODELS = "test-model-2";
process.env.PARLEY_MODEL_RETRIES = "0";
// Fixed, so cookies signed in a test verify in route modules loaded after vi.resetModules().
process.env.PARLEY_SECRET = "test-secret-test-secret-test-secret-0123";

if (!process.env.DATABASE_URL) {
  const { dbTarget } = await import("../../lib/db/client");
  const { setUpDatabase } = await import("../../lib/db/setup");
  await setUpDatabase(dbTarget());
}
