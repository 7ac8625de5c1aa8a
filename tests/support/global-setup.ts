// Vitest global setup of the integration projects: the project's own
// OpenAI-compatible model server, which every integration test reaches over HTTP.
import type { TestProject } from "vitest/node";
import { startModelServer } from "./model-server";

declare module "vitest" {
  export interface ProvidedContext {
    modelServerUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startModelServer();
  project.provide("modelServerUrl", server.url);
  return () => server.close();
}
