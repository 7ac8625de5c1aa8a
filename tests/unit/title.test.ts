import { describe, expect, it } from "vitest";
import { cutTitle, firstWords, plainTitle } from "@/lib/ai/title";

describe("titles", () => {
  it.each([
    ["**Rust Borrow Checker Basics**", "Rust Borrow Checker Basics"],
    ["# Planning a trip to Kyoto", "Planning a trip to Kyoto"],
    ['Title: "Sourdough starter tips".', "Sourdough starter tips"],
    ["`useEffect` cleanup *explained*", "useEffect cleanup explained"],
    ["[SSE](https://example.com) vs WebSockets", "SSE vs WebSockets"],
    ["「机器学习入门」。", "机器学习入门"],
    ["标题：**数据库索引优化**", "数据库索引优化"],
    ["<think>the user wants a title</think>\nGarden watering schedule\nextra line", "Garden watering schedule"],
  ])("a model's %j becomes plain text %j", (raw, title) => {
    expect(plainTitle(raw)).toBe(title);
  });

  it("cuts at whole characters: never inside an emoji or a surrogate pair", () => {
    const title = cutTitle("👩‍👩‍👧‍👦".repeat(100), 10);
    expect(title.isWellFormed()).toBe(true);
    expect([...new Intl.Segmenter().segment(title)].length).toBe(10);
    expect(title.endsWith("…")).toBe(true);
  });

  it("takes the first words of Chinese, where no spaces separate them", () => {
    const title = firstWords("我想学习机器学习，请给我推荐一些适合初学者的书籍和在线课程，最好是中文的");
    expect(title.startsWith("我想学习机器")).toBe(true);
    expect(title.endsWith("…")).toBe(true);
    expect(title.length).toBeLessThan(20);
  });

  it("takes the first six words of English and mixed text", () => {
    expect(firstWords("How do I deploy Next.js 16 on a small VPS with Docker?")).toBe("How do I deploy Next.js 16…");
    expect(firstWords("short one")).toBe("short one");
    expect(firstWords("   ")).toBe("New chat");
  });
});
