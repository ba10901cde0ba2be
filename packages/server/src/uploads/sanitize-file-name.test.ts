import { describe, expect, it } from "vitest";
import { MAX_NAME_CHARS, sanitizeFileName } from "./sanitize-file-name.ts";

describe("sanitizeFileName", () => {
  it("keeps ordinary names, including non-Latin ones", () => {
    expect(sanitizeFileName("invoice 2024-03.pdf")).toBe("invoice 2024-03.pdf");
    expect(sanitizeFileName("скриншот экрана.png")).toBe("скриншот экрана.png");
  });

  it("turns path separators into _ and never yields . or ..", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe(".._.._etc_passwd");
    expect(sanitizeFileName("C:\\Windows\\win.ini")).toBe("C:_Windows_win.ini");
    expect(sanitizeFileName("..")).toBe("file");
    expect(sanitizeFileName(".", "file.png")).toBe("file.png");
  });

  it("strips control, bidi-override and invisible characters", () => {
    // U+202E RIGHT-TO-LEFT OVERRIDE would show "invoice\u202Efdp.exe" as "invoiceexe.pdf".
    expect(sanitizeFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(sanitizeFileName("a\u2066b\u2069c\u200Fd\u200Be\uFEFF.txt")).toBe("abcde.txt");
    expect(sanitizeFileName("evil\r\nContent-Type: text/html\u0000.txt")).toBe(
      "evilContent-Type: text_html.txt",
    );
    expect(sanitizeFileName("tab\there\u0085.txt")).toBe("tabhere.txt");
  });

  it("normalises to NFC and replaces lone surrogates", () => {
    expect(sanitizeFileName("cafe\u0301.txt")).toBe("caf\u00e9.txt");
    expect(sanitizeFileName("a\ud800b.txt")).toBe("a\ufffdb.txt");
  });

  it("collapses blanks and falls back when nothing is left", () => {
    expect(sanitizeFileName("  a   b  ")).toBe("a b");
    expect(sanitizeFileName("\u202E\u0000", "file.txt")).toBe("file.txt");
    expect(sanitizeFileName("")).toBe("file");
  });

  it("cuts long names to the limit in code points, keeping the extension", () => {
    const long = `${"😀".repeat(300)}.png`;
    const cut = sanitizeFileName(long);
    expect([...cut].length).toBe(MAX_NAME_CHARS);
    expect(cut.endsWith("😀.png")).toBe(true);
    expect(cut).not.toMatch(/\p{Cs}/u);
    expect([...sanitizeFileName("x".repeat(500))].length).toBe(MAX_NAME_CHARS);
  });
});
