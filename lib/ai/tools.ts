// Tools every model may call: the built-in ones here, plus those of the MCP
// servers in PARLEY_MCP_SERVERS (lib/ai/mcp.ts).
import { tool, zodSchema, type ToolSet } from "ai";
import { all, create } from "mathjs";
import { z } from "zod";
import { mcpTools } from "./mcp";

// A mathjs instance that only computes: the functions that parse, evaluate or
// define things from inside an expression are switched off (mathjs's own
// security advice), so an expression from a model cannot reach further.
const math = create(all!);
const evaluate = math.evaluate.bind(math);
const disabled = (name: string) => () => {
  throw new Error(`${name} is not available in the calculator`);
};
math.import(
  Object.fromEntries(
    ["import", "createUnit", "reviver", "evaluate", "parse", "simplify", "derivative", "resolve", "compile"].map((name) => [name, disabled(name)]),
  ),
  { override: true },
);

const MAX_EXPRESSION = 500;

export function calculate(expression: string): string {
  const value: unknown = evaluate(expression);
  if (typeof value === "function" || value === undefined) throw new Error("not a calculation");
  return math.format(value as number, { precision: 14 });
}

export const builtinTools = {
  current_time: tool({
    description: "The current date and time, in UTC and, if given, in an IANA time zone such as Europe/Paris.",
    // Wrapped once here: a bare zod schema is turned into JSON Schema again on every request.
    inputSchema: zodSchema(z.object({ timeZone: z.string().max(64).optional().describe("IANA time zone, e.g. America/New_York") })),
    execute: async ({ timeZone }) => {
      const now = new Date();
      const zone = timeZone ?? "UTC";
      try {
        const local = new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeStyle: "long", timeZone: zone }).format(now);
        return { iso: now.toISOString(), timeZone: zone, local };
      } catch {
        return { iso: now.toISOString(), error: `Unknown time zone "${zone}"` };
      }
    },
  }),
  calculator: tool({
    description: "Evaluates an arithmetic expression exactly, e.g. 12 * (3 + 4) / 5, 2^10, sqrt(2), 15% of 80 as 0.15 * 80.",
    inputSchema: zodSchema(z.object({ expression: z.string().min(1).max(MAX_EXPRESSION) })),
    execute: async ({ expression }) => {
      try {
        return { expression, result: calculate(expression) };
      } catch (error) {
        return { expression, error: error instanceof Error ? error.message : String(error) };
      }
    },
  }),
} satisfies ToolSet;

/** The tools offered to the model on this turn. */
export async function toolsForTurn(): Promise<ToolSet> {
  return { ...builtinTools, ...(await mcpTools()) };
}
