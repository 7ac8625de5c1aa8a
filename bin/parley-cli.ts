// parley — chat with a Parley server from the terminal. A plain client of the
// REST API: PARLEY_URL (default http://localhost:3000) and PARLEY_TOKEN.
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import type { UIMessageChunk } from "ai";
import { EventSourceParserStream } from "eventsource-parser/stream";

const USAGE = `Usage: parley <command> [options]

Commands:
  chat [--session ID] [--role R] [--model M] [-m TEXT]
                      Chat in the terminal (a new session unless --session).
                      With -m, send one message, print the reply and exit;
                      with input on a pipe, every line is a message.
  sessions [--search Q] [--limit N]   List your sessions (newest activity first).
  history ID          Print a session's messages.
  export [ID] [--markdown]
                      Write one session (or, without ID, every session) to
                      standard output in Parley's JSON format, or as Markdown.
  import FILE         Import a Parley export, or ChatGPT's or Claude's
                      conversations.json (all of it or nothing; the same file
                      again adds nothing).
  share ID            Make a read-only link to a session as it is now; print it.
  roles               List the roles you can use.
  models              List the models the server offers.
  login NAME          Log in (asks for the password) and print a new API token.
  register NAME       Make an account (asks for a password) and print its API token.

Options: --json prints the API's JSON (sessions, history, share, roles, models).
Environment: PARLEY_URL (default http://localhost:3000), PARLEY_TOKEN (from
"parley login" or POST /api/tokens).`;

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[22m` : text);
const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[22m` : text);
const red = (text: string) => (color ? `\x1b[31m${text}\x1b[39m` : text);

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const baseUrl = (process.env.PARLEY_URL || "http://localhost:3000").replace(/\/+$/, "");

function authHeaders(): Record<string, string> {
  const token = process.env.PARLEY_TOKEN;
  if (!token) throw new CliError('PARLEY_TOKEN is not set: run "parley login NAME" or create a token at POST /api/tokens.', 2);
  return { authorization: `Bearer ${token}` };
}

async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const auth = authHeaders();
  let response: Response;
  try {
    response = await fetch(baseUrl + path, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new CliError(`Cannot reach ${baseUrl}: ${(error as Error).cause ?? (error as Error).message}`);
  }
  if (!response.ok) {
    const text = await response.text();
    let message = `${response.status} ${response.statusText}`;
    try {
      message = (JSON.parse(text) as { error: { message: string } }).error.message;
    } catch {
      // not our JSON error
    }
    throw new CliError(message);
  }
  return response;
}

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await request(method, path, body)).json() as Promise<T>;
}

type Session = { id: string; title: string; pinned: boolean; lastMessageAt: string; model: string; roleId: string | null; snippet?: string | null };
type Message = { id: string; role: string; text: string; status: string; parts: Array<{ type: string; text?: string; input?: unknown; output?: unknown }> };

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });
}

/** Prints a streamed reply as it arrives; resolves with how it ended. */
async function printReply(response: Response, out: NodeJS.WritableStream): Promise<"complete" | "stopped" | "error"> {
  const events = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  let ended: "complete" | "stopped" | "error" = "complete";
  let inReasoning = false;
  for await (const event of events) {
    if (event.data === "[DONE]") break;
    const chunk = JSON.parse(event.data) as UIMessageChunk;
    switch (chunk.type) {
      case "reasoning-start":
        inReasoning = true;
        out.write(dim("(thinking) "));
        break;
      case "reasoning-delta":
        out.write(dim(chunk.delta));
        break;
      case "reasoning-end":
        if (inReasoning) out.write("\n");
        inReasoning = false;
        break;
      case "text-delta":
        out.write(chunk.delta);
        break;
      case "tool-input-available":
        out.write(dim(`\n[${chunk.toolName}(${JSON.stringify(chunk.input)})`));
        break;
      case "tool-output-available":
        out.write(dim(` → ${JSON.stringify(chunk.output)}]\n`));
        break;
      case "error":
        ended = "error";
        out.write(red(`\n[error] ${chunk.errorText}`));
        break;
      case "abort":
        ended = "stopped";
        out.write(dim(" [stopped]"));
        break;
      default:
        break;
    }
  }
  out.write("\n");
  return ended;
}

async function chat(options: { session?: string; role?: string; model?: string; message?: string }) {
  const session = options.session
    ? await json<Session>("GET", `/api/sessions/${options.session}`)
    : await json<Session>("POST", "/api/sessions", { ...(options.role ? { roleId: options.role } : {}), ...(options.model ? { model: options.model } : {}) });
  if (options.session && (options.role || options.model)) {
    await json("PATCH", `/api/sessions/${session.id}`, { ...(options.role ? { roleId: options.role } : {}), ...(options.model ? { model: options.model } : {}) });
  }

  let running = false;
  const send = async (text: string) => {
    running = true;
    try {
      const response = await request("POST", `/api/sessions/${session.id}/messages`, { message: text });
      return await printReply(response, process.stdout);
    } finally {
      running = false;
    }
  };

  if (options.message !== undefined) {
    const ended = await send(options.message);
    if (ended === "error") process.exitCode = 1;
    console.error(dim(`session ${session.id}`));
    return;
  }

  const interactive = process.stdin.isTTY;
  if (interactive) console.log(dim(`Session ${session.id} (${session.model}). Ctrl+C stops a reply; Ctrl+D or /quit leaves.`));
  const lines = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  // Ctrl+C while a reply streams stops it on the server (what was written is kept); otherwise it leaves.
  lines.on("SIGINT", () => {
    if (running) void request("POST", `/api/sessions/${session.id}/stop`).catch(() => {});
    else lines.close();
  });
  lines.setPrompt(bold("you> "));
  if (interactive) lines.prompt();
  // Lines that arrive while a reply streams wait their turn (piped input comes all at once).
  for await (const line of lines) {
    const text = line.trim();
    if (text === "/quit" || text === "/exit") break;
    if (text) {
      if (interactive) process.stdout.write(bold("parley> "));
      await send(text).catch((error: Error) => console.error(red(error.message)));
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}

async function sessions(options: { search?: string; limit?: string; json?: boolean }) {
  const query = new URLSearchParams({ limit: options.limit ?? "30", ...(options.search ? { q: options.search } : {}) });
  const page = await json<{ sessions: Session[] }>("GET", `/api/sessions?${query}`);
  if (options.json) return console.log(JSON.stringify(page, null, 2));
  if (page.sessions.length === 0) return console.log(dim("No sessions."));
  for (const s of page.sessions) {
    console.log(`${s.id}  ${s.pinned ? "📌 " : ""}${bold(s.title)}  ${dim(when(s.lastMessageAt))}`);
    if (s.snippet) console.log(dim(`    … ${s.snippet} …`));
  }
}

async function history(id: string | undefined, options: { json?: boolean }) {
  if (!id) throw new CliError("Usage: parley history SESSION_ID", 2);
  const messages: Message[] = [];
  let before: string | null = null;
  do {
    const page: { messages: Message[]; nextCursor: string | null } = await json("GET", `/api/sessions/${id}/messages?limit=100${before ? `&before=${before}` : ""}`);
    messages.unshift(...page.messages);
    before = page.nextCursor;
  } while (before);
  if (options.json) return console.log(JSON.stringify({ messages }, null, 2));
  for (const m of messages) {
    const status = m.status === "complete" ? "" : dim(` [${m.status}]`);
    console.log(`${bold(m.role === "user" ? "you" : "parley")}${status}: ${m.text}\n`);
  }
}

/** Streams the export to standard output as it arrives (every session can be large). */
async function exportSessions(id: string | undefined, options: { markdown?: boolean }) {
  if (options.markdown && !id) throw new CliError("Usage: parley export ID --markdown (Markdown is one session at a time)", 2);
  const response = await request("GET", id ? `/api/sessions/${id}/export${options.markdown ? "?format=markdown" : ""}` : "/api/export");
  for await (const chunk of response.body!) process.stdout.write(chunk);
}

async function importFile(file: string | undefined) {
  if (!file) throw new CliError("Usage: parley import FILE", 2);
  const document: unknown = JSON.parse(await readFile(file, "utf8"));
  const result = await json<{ imported: { sessions: number; messages: number }; skipped: number }>("POST", "/api/import", document);
  console.log(`Imported ${result.imported.sessions} session(s), ${result.imported.messages} message(s)${result.skipped ? `; ${result.skipped} already here` : ""}.`);
}

async function share(id: string | undefined, options: { json?: boolean }) {
  if (!id) throw new CliError("Usage: parley share SESSION_ID", 2);
  const created = await json<{ id: string; url: string }>("POST", `/api/sessions/${id}/share`);
  if (options.json) return console.log(JSON.stringify(created, null, 2));
  console.error("Anyone with this link can read the chat as it is now (delete it in Settings, or DELETE /api/shares/ID):");
  console.log(created.url);
}

async function roles(options: { json?: boolean }) {
  const list = await json<{ roles: Array<{ id: string; name: string; description: string; builtin: boolean }> }>("GET", "/api/roles");
  if (options.json) return console.log(JSON.stringify(list, null, 2));
  for (const r of list.roles) console.log(`${r.id.padEnd(38)} ${bold(r.name)}${r.builtin ? "" : dim(" (yours)")}  ${dim(r.description)}`);
}

async function models(options: { json?: boolean }) {
  const list = await json<{ models: Array<{ id: string; label: string; local: boolean; default: boolean }> }>("GET", "/api/models");
  if (options.json) return console.log(JSON.stringify(list, null, 2));
  for (const m of list.models) console.log(`${m.id}${m.default ? dim(" (default)") : ""}${m.local ? dim(" — built-in offline demo, not an LLM") : ""}`);
}

async function askPassword(): Promise<string> {
  const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  const password = (await lines.question("Password: ")).trim();
  lines.close();
  return password;
}

const tokenName = () => `parley CLI on ${process.env.HOSTNAME ?? "this machine"}`;

/** A new account and its token in one call: no browser needed. */
async function register(name: string | undefined) {
  if (!name) throw new CliError("Usage: parley register NAME", 2);
  const password = await askPassword();
  const response = await fetch(`${baseUrl}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password, token: { name: tokenName() } }),
  });
  const body = (await response.json()) as { error?: { message: string }; token?: { token: string } };
  if (!response.ok) throw new CliError(body.error!.message);
  console.error(`Registered as ${name}. Keep this token (it is shown once):`);
  console.log(`export PARLEY_TOKEN=${body.token!.token}`);
}

async function login(name: string | undefined) {
  if (!name) throw new CliError("Usage: parley login NAME", 2);
  const password = await askPassword();
  const loggedIn = await fetch(`${baseUrl}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name, password }) });
  if (!loggedIn.ok) throw new CliError(((await loggedIn.json()) as { error: { message: string } }).error.message);
  const cookie = loggedIn.headers.getSetCookie().find((c) => c.includes("parley.session="))!.split(";")[0]!;
  const created = await fetch(`${baseUrl}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ name: tokenName() }),
  });
  const token = (await created.json()) as { token: string };
  console.error("Logged in. Keep this token (it is shown once):");
  console.log(`export PARLEY_TOKEN=${token.token}`);
}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      session: { type: "string" },
      role: { type: "string" },
      model: { type: "string" },
      message: { type: "string", short: "m" },
      search: { type: "string" },
      limit: { type: "string" },
      json: { type: "boolean" },
      markdown: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, argument] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case "chat":
      return chat(values);
    case "sessions":
      return sessions(values);
    case "history":
      return history(argument, values);
    case "export":
      return exportSessions(argument, values);
    case "import":
      return importFile(argument);
    case "share":
      return share(argument, values);
    case "roles":
      return roles(values);
    case "models":
      return models(values);
    case "login":
      return login(argument);
    case "register":
      return register(argument);
    default:
      throw new CliError(`Unknown command "${command}".\n\n${USAGE}`, 2);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError) {
    console.error(red(error.message));
    process.exitCode = error.exitCode;
  } else {
    console.error(red(error instanceof Error ? error.message : String(error)));
    process.exitCode = 1;
  }
});
