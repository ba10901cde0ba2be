import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition.ts";

/** What a careful client reads from `filename*` (RFC 5987: UTF-8, percent-decoded). */
function extendedName(header: string): string {
  const match = /filename\*=UTF-8''([^;\s]*)$/.exec(header);
  if (!match) throw new Error(`no filename* in ${header}`);
  return decodeURIComponent(match[1]!);
}

describe("contentDisposition", () => {
  it("encodes quotes, backslashes, CR/LF and semicolons so none can leave the parameter", () => {
    const hostile = 'a"; filename="evil.html\r\nSet-Cookie: x=1;\\.txt';
    const header = contentDisposition("attachment", hostile);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('attachment; filename="a_; filename=_evil.html__Set-Cookie: x=1;_.txt"; ')).toBe(
      true,
    );
    expect(extendedName(header)).toBe(hostile);
    // Exactly two parameters: a quoted string with no quote inside, and a token of attr-chars.
    expect(header).toMatch(/^attachment; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+.^_`|~%-]*$/);
  });

  it("round-trips non-ASCII and RTL override names through filename* and keeps the fallback ASCII", () => {
    for (const name of ["Grüße.pdf", "日本語.png", "evil\u202Egnp.exe", "it's (1) *.txt"]) {
      const header = contentDisposition("inline", name);
      expect(extendedName(header)).toBe(name);
      expect(header).toMatch(
        /^inline; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+.^_`|~%-]*$/,
      );
    }
  });

  it("leaves attr-chars as they are", () => {
    expect(contentDisposition("inline", "cat-1_a.b.png")).toBe(
      "inline; filename=\"cat-1_a.b.png\"; filename*=UTF-8''cat-1_a.b.png",
    );
  });
});
