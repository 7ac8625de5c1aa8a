// /docs: the API reference for people, rendered from the same OpenAPI document
// that GET /api/openapi.json serves. The page's own words are translated; the
// document's (summaries, descriptions, names) are the API's, in English.
import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { curlExample } from "@/lib/api/curl-example";
import { openApiDocument } from "@/lib/api/openapi";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("docs");
  return { title: t("pageTitle") };
}

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
  return <pre tabIndex={0} className="mt-1 overflow-x-auto rounded bg-neutral-100 p-2 text-xs dark:bg-neutral-900">{JSON.stringify(schema, null, 2)}</pre>;
}

const operationId = (method: string, path: string) => `${method}-${path}`.replace(/[^a-z0-9]+/gi, "-");

function OperationCard({ method, path, op, schemas }: { method: string; path: string; op: Operation; schemas: Record<string, Json> }) {
  const t = useTranslations("docs");
  return (
    <section id={operationId(method, path)} className="min-w-0 scroll-mt-4 rounded-lg border border-neutral-200 p-4 dark:border-neutral-800">
      <h3 className="flex flex-wrap items-center gap-2 font-mono text-sm">
        <span className={`rounded px-2 py-0.5 font-semibold uppercase ${METHOD_STYLE[method] ?? ""}`}>{method}</span>
        <span className="min-w-0 break-all">{path}</span>
        {op.security?.length === 0 && <span className="rounded bg-neutral-100 px-2 py-0.5 text-xs dark:bg-neutral-800">{t("noAuth")}</span>}
      </h3>
      <p className="mt-2">{op.summary}</p>
      {op.description && (
        <p className="mt-1 text-sm text-muted-foreground">
          <Prose text={op.description} />
        </p>
      )}
      {op.parameters && op.parameters.length > 0 && (
        <div className="mt-3">
          <h4 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{t("parameters")}</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {op.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <code>{p.name}</code> <span className="text-muted-foreground">{t("parameterPlace", { place: p.in, required: String(Boolean(p.required)) })}</span>{" "}
                <code className="text-xs break-all text-muted-foreground">{JSON.stringify(p.schema)}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {op.requestBody && (
        <div className="mt-3">
          <h4 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{t("body")}</h4>
          {Object.entries(op.requestBody.content).map(([type, { schema }]) => (
            <div key={type} className="text-sm">
              <code className="text-muted-foreground">{type}</code> <SchemaRef schema={schema} />
            </div>
          ))}
        </div>
      )}
      <div className="mt-3">
        <h4 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{t("example")}</h4>
        <pre tabIndex={0} className="mt-1 overflow-x-auto rounded bg-neutral-100 p-2 text-xs dark:bg-neutral-900" data-testid="curl">
          {curlExample(method, path, op, schemas)}
        </pre>
      </div>
      <div className="mt-3">
        <h4 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{t("responses")}</h4>
        <ul className="mt-1 space-y-1 text-sm">
          {Object.entries(op.responses).map(([status, response]) => (
            <li key={status}>
              <code className={Number(status) < 400 ? "text-emerald-700 dark:text-emerald-400" : "text-rose-700 dark:text-rose-400"}>{status}</code>{" "}
              {response.description}
              {Object.entries(response.content ?? {}).map(([type, { schema }]) => (
                <div key={type} className="ml-8">
                  <code className="text-muted-foreground">{type}</code>{" "}
                  {schemaName(schema) ? (
                    <SchemaRef schema={schema} />
                  ) : (
                    <span className="text-muted-foreground">
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

export default async function ApiDocs() {
  const t = await getTranslations("docs");
  const doc = openApiDocument();
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ path, method, op })),
  );
  // Grouped by first tag; operations without one (null) under "Other".
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? null))];
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Json>;
  return (
    <main className="mx-auto max-w-4xl min-w-0 space-y-8 p-4 sm:p-6">
      <header>
        <h1 className="text-2xl font-semibold">{doc.info.title}</h1>
        <p className="mt-2 text-muted-foreground">
          <Prose text={doc.info.description ?? ""} />
        </p>
        <p className="mt-2 text-sm">
          {t.rich("machineReadable", {
            version: doc.openapi,
            link: (chunks) => (
              <a className="text-sky-700 underline dark:text-sky-300" href="/api/openapi.json">
                {chunks}
              </a>
            ),
          })}{" "}
          {t.rich("errorShape", { shape: `{ "error": { "code", "message" } }`, code: (chunks) => <code>{chunks}</code> })}
        </p>
        <p className="mt-2 text-sm">{t.rich("curlSetup", { code: (chunks) => <code className="break-all">{chunks}</code> })}</p>
      </header>
      <nav aria-label={t("contents")} className="rounded-lg border border-neutral-200 p-4 dark:border-neutral-800">
        <h2 className="text-sm font-semibold">{t("contents")}</h2>
        <ul className="mt-2 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          {tags.map((tag) => (
            <li key={tag ?? ""}>
              <a href={`#tag-${tag ?? "other"}`} className="font-medium underline-offset-2 hover:underline">
                {tag ?? t("otherTag")}
              </a>
              <ul className="mt-1 space-y-0.5 font-mono text-xs">
                {operations
                  .filter((o) => (o.op.tags?.[0] ?? null) === tag)
                  .map((o) => (
                    <li key={`${o.method} ${o.path}`} className="break-all">
                      <a href={`#${operationId(o.method, o.path)}`} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
                        {o.method.toUpperCase()} {o.path}
                      </a>
                    </li>
                  ))}
              </ul>
            </li>
          ))}
          <li>
            <a href="#schemas" className="font-medium underline-offset-2 hover:underline">
              {t("schemas")}
            </a>
          </li>
        </ul>
      </nav>
      {tags.map((tag) => (
        <div key={tag ?? ""} className="space-y-3">
          <h2 id={`tag-${tag ?? "other"}`} className="scroll-mt-4 text-xl font-semibold">
            {tag ?? t("otherTag")}
          </h2>
          {operations
            .filter((o) => (o.op.tags?.[0] ?? null) === tag)
            .map((o) => (
              <OperationCard key={`${o.method} ${o.path}`} {...o} schemas={schemas} />
            ))}
        </div>
      ))}
      <div className="space-y-3">
        <h2 id="schemas" className="scroll-mt-4 text-xl font-semibold">
          {t("schemas")}
        </h2>
        {Object.entries(schemas).map(([name, schema]) => (
          <section key={name} id={`schema-${name}`} className="rounded-lg border border-neutral-200 p-4 dark:border-neutral-800">
            <h3 className="font-mono font-semibold">{name}</h3>
            {typeof schema.description === "string" && <p className="text-sm text-muted-foreground">{schema.description}</p>}
            <pre tabIndex={0} className="mt-2 overflow-x-auto rounded bg-neutral-100 p-2 text-xs dark:bg-neutral-900">{JSON.stringify(schema, null, 2)}</pre>
          </section>
        ))}
      </div>
    </main>
  );
}
