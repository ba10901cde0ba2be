import { describe, expect, it } from "vitest";
import { createTypeSniffer, type SniffVerdict } from "./sniff-type.ts";

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part) : Buffer.from(part))));

/** The verdict for a whole file fed in chunks of `chunk` bytes. */
function sniff(file: Uint8Array, chunk = 7): SniffVerdict {
  const sniffer = createTypeSniffer();
  for (let at = 0; at < file.length; at += chunk) {
    const verdict = sniffer.push(file.subarray(at, at + chunk));
    if (verdict.state !== "pending") return verdict;
  }
  return sniffer.end();
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("createTypeSniffer", () => {
  it.each([
    ["image/png", bytes(PNG, "IHDR rest of the image")],
    ["image/jpeg", bytes([0xff, 0xd8, 0xff, 0xe0], "JFIF")],
    ["image/gif", bytes("GIF89a", [1, 0, 1, 0])],
    ["image/gif", bytes("GIF87a", [1, 0, 1, 0])],
    ["image/webp", bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 ")],
    ["application/pdf", bytes("%PDF-1.7\n%âãÏÓ\n")],
    ["text/plain", bytes("hello, world\n")],
    ["text/plain", bytes("Grüße, 日本語, emoji 🎉 and a < b > c\n")],
    ["text/plain", bytes([0xef, 0xbb, 0xbf], "with a BOM")],
  ])("allows %s by its bytes", (type, file) => {
    expect(sniff(file)).toEqual({ state: "allowed", type });
    expect(sniff(file, 1)).toEqual({ state: "allowed", type });
  });

  it("decides a signature as soon as the first bytes arrive, without waiting for the end", () => {
    const sniffer = createTypeSniffer();
    expect(sniffer.push(bytes(PNG, "x".repeat(600)))).toEqual({ state: "allowed", type: "image/png" });
  });

  it.each([
    ["HTML", "<!DOCTYPE html><script>alert(1)</script>"],
    ["HTML in lower case after blanks", "\n\t  <html><body>hi</body></html>"],
    ["HTML after a BOM", "\ufeff<script>alert(1)</script>"],
    ["SVG", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ["XML", '<?xml version="1.0"?><svg/>'],
    ["an HTML comment", "<!-- hi --><p>x</p>"],
  ])("refuses %s, saying it is markup", (_what, text) => {
    const verdict = sniff(bytes(text));
    expect(verdict.state).toBe("rejected");
    expect(verdict.state === "rejected" && verdict.reason).toMatch(/HTML, SVG or XML/);
  });

  it.each([
    ["a ZIP (also docx)", bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], "word/document.xml")],
    ["an ELF binary", bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])],
    ["UTF-16 text (NUL bytes)", bytes([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00])],
    ["invalid UTF-8", bytes("abc", [0xc3, 0x28], "def")],
    ["a truncated UTF-8 sequence at the end", bytes("abc", [0xe2, 0x82])],
    ["an encoded surrogate", bytes("a", [0xed, 0xa0, 0x80])],
  ])("refuses %s", (_what, file) => {
    expect(sniff(file).state).toBe("rejected");
  });

  it("refuses text that turns binary long after the head, however it is chunked", () => {
    const file = bytes("a".repeat(100_000), [0], "tail");
    expect(sniff(file, 4096).state).toBe("rejected");
    expect(sniff(file, 100_003).state).toBe("rejected");
  });

  it("refuses an empty file", () => {
    expect(sniff(new Uint8Array(0))).toEqual({ state: "rejected", reason: "the file is empty" });
  });

  it("allows short text that is only a prefix of a signature", () => {
    expect(sniff(bytes("GIF8"))).toEqual({ state: "allowed", type: "text/plain" });
  });
});
