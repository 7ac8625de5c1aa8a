// Tools from the MCP servers listed in PARLEY_MCP_SERVERS, over HTTP or stdio.
// One client per server and process, connected on first use; a server that
// cannot be reached is left out of that turn (and retried on the next).
import { createMCPClient, type MCPClient } from "@ai-sdk/mcp";
import { Experimental_StdioMCPTransport as StdioTransport } from "@ai-sdk/mcp/mcp-stdio";
import type { ToolSet } from "ai";
import { getConfig, type McpServerConfig } from "../config";
import { log } from "../log";

const holder = globalThis as typeof globalThis & { __parleyMcp?: Map<string, Promise<MCPClient>> };
const clients: Map<string, Promise<MCPClient>> = (holder.__parleyMcp ??= new Map());

function connect(server: McpServerConfig): Promise<MCPClient> {
  const transport =
    "url" in server
      ? { type: "http" as const, url: server.url, headers: server.headers }
      : new StdioTransport({ command: server.command, args: server.args, env: server.env, stderr: "ignore" });
  return createMCPClient({ transport, name: "parley" });
}

async function toolsOf(server: McpServerConfig): Promise<ToolSet> {
  let client = clients.get(server.name);
  if (!client) {
    client = connect(server);
    clients.set(server.name, client);
  }
  try {
    const tools: ToolSet = await (await client).tools();
    // Prefixed with the server's name so two servers (or a built-in) cannot collide.
    return Object.fromEntries(Object.entries(tools).map(([name, tool]) => [`${server.name}__${name}`, tool]));
  } catch (error) {
    clients.delete(server.name);
    void client.then((c) => c.close()).catch(() => {});
    log.warn(`MCP server "${server.name}" unavailable, its tools are left out: ${error instanceof Error ? error.message : error}`);
    return {};
  }
}

export async function mcpTools(): Promise<ToolSet> {
  const servers = getConfig().mcpServers;
  if (servers.length === 0) return {};
  const sets = await Promise.all(servers.map(toolsOf));
  return Object.assign({}, ...sets);
}

/** Closes every MCP connection (at shutdown). */
export async function closeMcpClients(): Promise<void> {
  const open = [...clients.values()];
  clients.clear();
  await Promise.allSettled(open.map(async (client) => (await client).close()));
}
