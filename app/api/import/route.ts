import { z } from "zod";
import { importDocument, IMPORT_MAX_BYTES, parseImport } from "@/lib/import";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { readJson } from "@/lib/http/validation";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/**
 * Imports a Parley export (GET /api/export) into the caller's account: all of it or
 * nothing; importing the same file again adds nothing.
 */
export const POST = authedRoute(async (request, identity) => {
  const document = parseImport(await readJson(request, z.unknown(), IMPORT_MAX_BYTES));
  return Response.json(await importDocument(identity.userId, document), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
