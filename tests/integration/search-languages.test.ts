// Search in every language, on both databases: Chinese, Japanese and Korean words
// are found anywhere inside a sentence (they are written without spaces), also
// mixed with Latin words; English keeps matching word prefixes. Snippets are plain
// text cut around the match.
import { describe, expect, it } from "vitest";
import { snippet } from "@/lib/search/snippet";
import { browserUser, type Client } from "../support/api";

type Page = { sessions: Array<{ id: string; title: string; snippet: string | null }> };

async function say(client: Client, message: string, title?: string): Promise<string> {
  const session = await client.json<{ id: string }>("POST", "/api/sessions", { body: title ? { title } : {} });
  const sent = await client.call("POST", `/api/sessions/${session.id}/messages`, { body: { message }, headers: { accept: "application/json" } });
  expect(sent.status).toBe(200);
  return session.id;
}

const search = async (client: Client, q: string) => (await client.json<Page>("GET", `/api/sessions?q=${encodeURIComponent(q)}`)).sessions;
const ids = async (client: Client, q: string) => (await search(client, q)).map((s) => s.id).sort();

describe("search in Chinese, Japanese, Korean and mixed text", () => {
  it("finds a Chinese word anywhere in a message, and nothing for words that are not there", async () => {
    const ada = await browserUser();
    const learning = await say(ada, "我想学习机器学习，可以推荐几本书吗？");
    const weather = await say(ada, "今天北京的天气怎么样");
    for (const q of ["机器学习", "学习", "机器", "器", "推荐几本书", "天气", "北京"]) {
      expect([q, await ids(ada, q)]).toEqual([q, q === "天气" || q === "北京" ? [weather] : [learning]]);
    }
    for (const q of ["介绍", "量子计算", "学机"]) expect([q, await ids(ada, q)]).toEqual([q, []]);
    // All words of a query are required, whatever the script.
    expect(await ids(ada, "机器 天气")).toEqual([]);
  });

  it("finds words inside a Chinese title", async () => {
    const ada = await browserUser();
    const titled = (await ada.json<{ id: string }>("POST", "/api/sessions", { body: { title: "你好世界的介绍" } })).id;
    expect(await ids(ada, "世界")).toEqual([titled]);
    expect(await ids(ada, "介绍")).toEqual([titled]);
    const [found] = await search(ada, "介绍");
    expect(found!.snippet).toBeNull();
  });

  it("finds Japanese and Korean inside sentences", async () => {
    const ada = await browserUser();
    const tokyo = await say(ada, "来年の春に東京へ行きたいと思っています");
    const school = await say(ada, "저는 학교에서 한국어를 공부합니다");
    expect(await ids(ada, "行きたい")).toEqual([tokyo]);
    expect(await ids(ada, "東京")).toEqual([tokyo]);
    expect(await ids(ada, "한국어")).toEqual([school]);
    expect(await ids(ada, "학교")).toEqual([school]);
    expect(await ids(ada, "大阪")).toEqual([]);
  });

  it("finds Chinese mixed with Latin words, and English still by prefix", async () => {
    const ada = await browserUser();
    const mixed = await say(ada, "用Rust写一个web服务器需要多久？");
    const english = await say(ada, "The borrow checker rejected my lifetimes again");
    expect(await ids(ada, "Rust")).toEqual([mixed]);
    expect(await ids(ada, "服务器")).toEqual([mixed]);
    expect(await ids(ada, "rust 服务")).toEqual([mixed]);
    expect(await ids(ada, "web服务器")).toEqual([mixed]);
    expect(await ids(ada, "borr lifetim")).toEqual([english]);
    expect(await ids(ada, "ＢＯＲＲＯＷ")).toEqual([english]);
  });

  it("snippets are plain text, cut so the match shows near the start", async () => {
    const ada = await browserUser();
    const filler = "这是一段很长的开场白，讲了很多和主题无关的事情。".repeat(6);
    const long = await say(ada, `${filler}**重点**：我想学习*机器学习*，最好用 \`Python\`。${"后面还有更多内容。".repeat(10)}`);
    const [found] = await search(ada, "机器学习");
    expect(found!.id).toBe(long);
    const text = found!.snippet!;
    expect(text).not.toMatch(/[*`#]/);
    expect(text.startsWith("…")).toBe(true);
    expect(text.indexOf("机器学习")).toBeGreaterThan(0);
    expect(text.indexOf("机器学习")).toBeLessThan(20);
    expect(text.endsWith("…")).toBe(true);
  });
});

describe("snippet()", () => {
  it("drops Markdown, keeps the words, and opens at a word's start", () => {
    const markdown = `${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(4)}The **borrow checker** says [no](https://example.com).\n\n- one\n- two\n\n\`\`\`rust\nlet x = 1;\n\`\`\``;
    const text = snippet(markdown, "borrow");
    expect(text).toMatch(/^…\p{L}+ /u);
    expect(text).toContain("The borrow checker says no.");
    expect(text).toContain("one two let x = 1;");
    expect(snippet("# Title\n\nshort *text*", "text")).toBe("Title short text");
  });
});
