// A curl command for each API operation, for the /docs page: the method, the path
// (its parameters as placeholders), the token when the route needs one, and a body
// made from the request schema's required fields.

type Json = Record<string, unknown>;

type Operation = {
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
};

/** A small value that fits `schema` (its example, first enum value, or a placeholder by type). */
function exampleOf(schema: Json | undefined, schemas: Record<string, Json>, depth = 0): unknown {
  if (!schema || depth > 4) return null;
  if (typeof schema.$ref === "string") return exampleOf(schemas[schema.$ref.split("/").at(-1)!], schemas, depth + 1);
  if ("example" in schema) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if ("default" in schema && schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ("const" in schema) return schema.const;
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (variants) return exampleOf(variants.find((v) => v.type !== "null") ?? variants[0], schemas, depth + 1);
  switch (schema.type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const required = (schema.required as string[] | undefined) ?? [];
      // Nothing required: show the first field, so the shape is visible.
      const shown = required.length ? required : Object.keys(properties).slice(0, 1);
      return Object.fromEntries(shown.map((key) => [key, exampleOf(properties[key], schemas, depth + 1)]));
    }
    case "array":
      return [exampleOf(schema.items as Json, schemas, depth + 1)];
    case "string":
      return schema.format === "uuid" ? "00000000-0000-4000-8000-000000000000" : "…";
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return false;
    default:
      return null;
  }
}

/** A shell-safe single-quoted string. */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function curlExample(method: string, path: string, op: Operation, schemas: Record<string, Json>): string {
  // {id} would be a curl glob: placeholders are upper-case words.
  const url = `"$PARLEY_URL${path.replace(/\{(\w+)\}/g, (_, name: string) => name.toUpperCase())}"`;
  const lines = [`curl${method === "get" ? "" : ` -X ${method.toUpperCase()}`} ${url}`];
  const streams = Object.values(op.responses).some((response) => response.content && "text/event-stream" in response.content);
  if (streams) lines[0] = lines[0]!.replace("curl", "curl -N");
  if (op.security?.length !== 0) lines.push(`-H "Authorization: Bearer $PARLEY_TOKEN"`);
  const content = op.requestBody?.content ?? {};
  if (content["application/json"]) {
    lines.push(`-H "Content-Type: application/json"`, `-d ${quote(JSON.stringify(exampleOf(content["application/json"].schema, schemas)))}`);
  } else if (content["multipart/form-data"]) {
    lines.push(`-F "file=@photo.png"`);
  }
  return lines.join(" \\\n  ");
}
