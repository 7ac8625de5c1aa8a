import { optionalIdentity } from "@/lib/auth/identity";
import { healthReport } from "@/lib/health";
import { otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Anyone: { status: "ok" | "unavailable" }. Signed-in callers also see the database and model setup. */
export async function GET(request: Request) {
  const report = await healthReport();
  const caller = await optionalIdentity(request).catch(() => null);
  return Response.json(caller ? report : { status: report.status }, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
