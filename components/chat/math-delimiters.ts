// The math delimiters models write, as the Markdown renderer reads them: OpenAI's
// and DeepSeek's models write \( … \) and \[ … \]; remark-math reads $ … $ and
// $$ … $$. Code (fenced or inline) is left exactly as written, and a dollar
// before a digit ("$5 and $10") stays a dollar, not the start of math.

const CODE = /(```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|`[^`\n]*`)/;

function convert(prose: string): string {
  return prose
    .replace(/(^|[^\\])\$(?=\d)/g, "$1\\$")
    .replace(/\\\[([\s\S]*?)\\\]/g, (_match, body: string) => `$$${body}$$`)
    .replace(/\\\(([\s\S]*?)\\\)/g, (_match, body: string) => `$${body.trim()}$`);
}

export function normalizeMath(markdown: string): string {
  if (!/[\\$]/.test(markdown)) return markdown;
  // split() with a capturing group puts the code at the odd indexes.
  return markdown
    .split(CODE)
    .map((piece, index) => (index % 2 === 1 ? piece : convert(piece)))
    .join("");
}
