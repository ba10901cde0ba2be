import { describe, expect, it } from "vitest";
import { type ElementFactory, renderMarkdown } from "./render-markdown.ts";

// Elements as plain objects, so the tests read what a renderer would get.
type El = { tag: string; props: Record<string, string> | null; children: (string | El)[] };
const h: ElementFactory<El> = (tag, props, ...children) => ({ tag, props, children });
const md = (text: string) => renderMarkdown(text, h);
const a = (href: string, label: string): El => ({
  tag: "a",
  props: { href, target: "_blank", rel: "noopener noreferrer nofollow" },
  children: [label],
});
const el = (tag: string, ...children: (string | El)[]): El => ({ tag, props: null, children });

/** Every href anywhere in the result. */
function hrefs(nodes: (string | El)[]): string[] {
  return nodes.flatMap((node) =>
    typeof node === "string" ? [] : [...(node.props?.href ? [node.props.href] : []), ...hrefs(node.children)],
  );
}

/** The text a reader sees, markers that did not apply included. */
function textOf(nodes: (string | El)[]): string {
  return nodes.map((node) => (typeof node === "string" ? node : textOf(node.children))).join("");
}

describe("renderMarkdown", () => {
  it("renders bold, italic and inline code, nested emphasis included", () => {
    expect(md("**bold** and *it* and _it_ and `x*y*`")).toEqual([
      el("strong", "bold"),
      " and ",
      el("em", "it"),
      " and ",
      el("em", "it"),
      " and ",
      el("code", "x*y*"),
    ]);
    expect(md("**bold *both* bold**")).toEqual([el("strong", "bold ", el("em", "both"), " bold")]);
    expect(md("_a **b** c_")).toEqual([el("em", "a ", el("strong", "b"), " c")]);
  });

  it("links http, https and mailto, bare or as [text](url), leaving sentence punctuation outside", () => {
    expect(md("Docs: https://example.com/a?b=1, or mailto:help@example.com.")).toEqual([
      "Docs: ",
      a("https://example.com/a?b=1", "https://example.com/a?b=1"),
      ", or ",
      a("mailto:help@example.com", "mailto:help@example.com"),
      ".",
    ]);
    expect(md("see [the docs](https://example.com/docs) (or **[mail](mailto:a@b.c)**)")).toEqual([
      "see ",
      a("https://example.com/docs", "the docs"),
      " (or ",
      el("strong", a("mailto:a@b.c", "mail")),
      ")",
    ]);
    expect(md("**https://example.com/x**")).toEqual([
      el("strong", a("https://example.com/x", "https://example.com/x")),
    ]);
  });

  it("keeps underscores and stars inside URLs and words as they are", () => {
    expect(md("https://example.com/a_b_c and snake_case_name")).toEqual([
      a("https://example.com/a_b_c", "https://example.com/a_b_c"),
      " and snake_case_name",
    ]);
    expect(md("2 * 3 * 4")).toEqual(["2 * 3 * 4"]);
  });

  it("leaves what does not close as text", () => {
    for (const text of ["**open", "*open", "_open", "`open", "a ** b", "[x](https://a.b", "[x]("]) {
      expect(textOf(md(text))).toBe(text);
    }
    expect(md("**a *b**")).toEqual([el("strong", "a *b")]);
    expect(md("\\*not\\* \\`code\\`")).toEqual(["*not* `code`"]);
  });

  it("never makes a link of any other scheme, however it is spelt", () => {
    const hostile = [
      "[x](javascript:alert(1))",
      "[x](javascript:alert`1`)",
      "[x](JaVaScRiPt:alert(1))",
      "[x](&#106;avascript:alert(1))",
      "[x](javascript&colon;alert(1))",
      "[x](data:text/html,<script>alert(1)</script>)",
      "[x](vbscript:msgbox)",
      "[x](//evil.example/path)",
      "[x](/relative)",
      "[x]( javascript:alert(1))",
      "[x](java\nscript:alert(1))",
      "[x](\u0000javascript:alert(1))",
      "javascript:alert(1) data:text/html,hi file:///etc/passwd",
      '<a href="javascript:alert(1)">x</a>',
      "[https://ok.example](javascript:alert(1))",
      "http://[::1 https://",
    ];
    for (const text of hostile) {
      for (const href of hrefs(md(text))) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
    }
    expect(hrefs(md("[x](javascript:alert(1))"))).toEqual([]);
    expect(hrefs(md("[https://ok.example](javascript:alert(1))"))).toEqual([]);
    expect(textOf(md("<img src=x onerror=alert(1)>"))).toBe("<img src=x onerror=alert(1)>");
  });

  it("returns plain text unchanged", () => {
    expect(md("hello\nworld")).toEqual(["hello\nworld"]);
    expect(md("")).toEqual([]);
  });

  // 20 times the longest message body each: linear, that takes milliseconds (seconds on a loaded
  // machine); quadratic, 4e10 steps, it would take minutes.
  it("takes linear time on long hostile inputs", { timeout: 60_000 }, () => {
    const units = [
      "*a ",
      "**a _b `c [d](",
      "[",
      `[${"a".repeat(499)}`,
      `[${"a".repeat(30)}`,
      "http://[/h/h/h",
      "`",
      "_*",
      "https://a.b ",
      "[x](javascript:",
    ];
    for (const unit of units) {
      const text = unit.repeat(Math.ceil(200_000 / unit.length));
      const started = performance.now();
      const out = md(text);
      expect(performance.now() - started, unit).toBeLessThan(8_000);
      expect(textOf(out).length).toBeGreaterThan(0);
    }
  });
});
