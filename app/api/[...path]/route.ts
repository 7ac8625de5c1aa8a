// Any /api path no route serves: a 404 in the API's error shape, not the HTML page.
import { errorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

const unknownPath = async () => errorResponse(404, "not_found", "No such API path; see /api/openapi.json.");
export { unknownPath as GET, unknownPath as POST, unknownPath as PUT, unknownPath as PATCH, unknownPath as DELETE };
