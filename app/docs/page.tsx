// /docs: the API reference for people, rendered from the same OpenAPI document
// that GET /api/openapi.json serves.
import type { Metadata } from "next";
import { openApiDocument } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "Parley API reference" };

type Json = Record<string, unknown>;
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Json; description?: string }>;
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
};

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-200",
  post: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  patch: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200",
  delete: "bg-rose-100 text-rose-800 dark:bg-rose-900/50 dark:text-rose-200",
};

/** Descriptions use `backticks` for code. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((piece, i) =>
        piece.startsWith("`") && piece.endsWith("`") ? <code key={i} className="text-[0.9em]">{piece.slice(1, -1)}</code> : piece,
      )}
    </>
  );
}

function schemaName(schema: Json | undefined): string | null {
  const ref = schema?.$ref;
  return typeof ref === "string" ? ref.split("/").at(-1)! : null;
}

function SchemaRef({ schema }: { schema: Json }) {
  const name = schemaName(schema);
  if (name) {
    return (
      <a className="font-mono text-sky-700 underline dark:text-sky-300" href={`#schema-${name}`}>
        {name}
      </a>
    );
  }
  return <pre className="mt-1 overflow-x-auto rounded bg-neutral-100 p-2 text-xs dark:bg-neutral-900">{JSON.stringify(schema, null, 2)}</pre>;
}

function OperationCard({ method, path, op }: { method: string; path: string; op: Operation }) {
  const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, "-");
  return (
    <section id={id} className="rounded-lg border border-neutral-200 p-4 dark:border-neutral-800">
      <h3 className="flex flex-wrap items-center gap-2 font-mono text-sm">
        <span className={`rounded px-2 py-0.5 font-semibold uppercase ${METHOD_STYLE[method] ?? ""}`}>{method}</span>
        <span>{path}</span>
        {op.security?.length === 0 && <span className="rounded bg-neutral-100 px-2 py-0.5 text-xs dark:bg-neutral-800">no auth</span>}
      </h3>
      <p className="mt-2">{op.summary}</p>
      {op.description && (
        <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
          <Prose text={op.description} />
        </p>
      )}
      {op.parameters && op.parameters.length > 0 && (
        <div className="mt-3">
          <h4 className="text-xs font-semibold tracking-wide text-neutral-500 uppercase">Parameters</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {op.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <code>{p.name}</code> <span className="text-neutral-500">({p.in}{p.required ? ", required" : ""})</span>{" "}
                <code className="text-xs text-neutral-500">{JSON.stringify(p.schema)}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {op.requestBody && (
        <div className="mt-3">
          <h4 className="text-xs font-semibold tracking-wide text-neutral-500 uppercase">Body</h4>
          {Object.entries(op.requestBody.content).map(([type, { schema }]) => (
            <div key={type} className="text-sm">
              <code className="text-neutral-500">{type}</code> <SchemaRef schema={schema} />
            </div>
          ))}
        </div>
      )}
      <div className="mt-3">
        <h4 className="text-xs font-semibold tracking-wide text-neutral-500 uppercase">Responses</h4>
        <ul className="mt-1 space-y-1 text-sm">
          {Object.entries(op.responses).map(([status, response]) => (
            <li key={status}>
              <code className={Number(status) < 400 ? "text-emerald-700 dark:text-emerald-400" : "text-rose-700 dark:text-rose-400"}>{status}</code>{" "}
              {response.description}
              {Object.entries(response.content ?? {}).map(([type, { schema }]) => (
                <div key={type} className="ml-8">
                  <code className="text-neutral-500">{type}</code>{" "}
                  {schemaName(schema) ? (
                    <SchemaRef schema={schema} />
                  ) : (
                    <span className="text-neutral-600 dark:text-neutral-400">
                      <Prose text={String(schema.description ?? schema.type ?? "")} />
                    </span>
                  )}
                </div>
              ))}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

export default function ApiDocs() {
  const doc = openApiDocument();
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? "Other"))];
  const schemas = Object.entries((doc.components?.schemas ?? {}) as Record<string, Json>);
  return (
    <main className="mx-auto max-w-4xl space-y-8 p-6">
      <header>
        <h1 className="text-2xl font-semibold">{doc.info.title}</h1>
        <p className="mt-2 text-neutral-600 dark:text-neutral-400">
          <Prose text={doc.info.description ?? ""} />
        </p>
        <p className="mt-2 text-sm">
          Machine-readable: <a className="text-sky-700 underline dark:text-sky-300" href="/api/openapi.json">/api/openapi.json</a> (OpenAPI {doc.openapi}).
          Errors are always <code>{`{ "error": { "code", "message" } }`}</code>.
        </p>
      </header>
      {tags.map((tag) => (
        <div key={tag} className="space-y-3">
          <h2 className="text-xl font-semibold">{tag}</h2>
          {operations
            .filter((o) => (o.op.tags?.[0] ?? "Other") === tag)
            .map((o) => (
              <OperationCard key={`${o.method} ${o.path}`} {...o} />
            ))}
        </div>
      ))}
      <div className="space-y-3">
        <h2 className="text-xl font-semibold">Schemas</h2>
        {schemas.map(([name, schema]) => (
          <section key={name} id={`schema-${name}`} className="rounded-lg border border-neutral-200 p-4 dark:border-neutral-800">
            <h3 className="font-mono font-semibold">{name}</h3>
            {typeof schema.description === "string" && <p className="text-sm text-neutral-600 dark:text-neutral-400">{schema.description}</p>}
            <pre className="mt-2 overflow-x-auto rounded bg-neutral-100 p-2 text-xs dark:bg-neutral-900">{JSON.stringify(schema, null, 2)}</pre>
          </section>
        ))}
      </div>
    </main>
  );
}
