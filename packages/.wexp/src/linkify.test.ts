import { describe, expect, it } from "vitest";
import { linkify } from "./linkify.ts";

describe("linkify", () => {
  it("links http, https and mailto, leaving sentence punctuation outside", () => {
    expect(linkify("Docs: https://example.com/a?b=1, or mail mailto:help@example.com.")).toEqual([
      { text: "Docs: " },
      { text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { text: ", or mail " },
      { text: "mailto:help@example.com", href: "mailto:help@example.com" },
      { text: "." },
    ]);
  });

  it("never links other schemes and keeps markup as plain text", () => {
    const text = 'javascript:alert(1) <img src=x onerror="alert(1)"> data:text/html,hi';
    expect(linkify(text)).toEqual([{ text }]);
  });

  it("returns plain text unchanged", () => {
    expect(linkify("hello\nworld")).toEqual([{ text: "hello\nworld" }]);
    expect(linkify("")).toEqual([]);
  });
});
