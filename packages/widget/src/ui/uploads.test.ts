import { signal } from "@preact/signals-core";
import { MAX_UPLOAD_BYTES } from "@relaydesk/sdk-types";
import { describe, expect, it } from "vitest";
import { STRINGS as ES } from "../locales/es.ts";
import { lookup, type Values } from "../strings.ts";
import type { WidgetStore } from "../types.ts";
import { ATTACHMENTS_EN } from "./attachments-strings.ts";
import { REASONS_EN } from "./failure-reason.ts";
import { checkFile, formatSize, problemText } from "./uploads.ts";

const file = (size: number, type: string) => new Blob([new Uint8Array(size)], { type });

describe("checkFile", () => {
  it("lets through what the relay may accept: its types, other plain text, and types the browser could not tell", () => {
    for (const type of [
      "image/png",
      "image/jpeg",
      "image/gif",
      "image/webp",
      "application/pdf",
      "text/plain",
    ]) {
      expect(checkFile(file(10, type))).toBeNull();
    }
    for (const type of ["text/csv", "text/markdown", "", "application/octet-stream"]) {
      expect(checkFile(file(10, type))).toBeNull();
    }
    expect(checkFile(file(MAX_UPLOAD_BYTES, "image/png"))).toBeNull();
  });

  it("refuses empty and oversized files and types the relay never stores, saying why", () => {
    expect(checkFile(file(0, "image/png"))).toBe("fileEmpty");
    expect(checkFile(file(MAX_UPLOAD_BYTES + 1, "image/png"))).toBe("fileTooLarge");
    for (const type of [
      "text/html",
      "image/svg+xml",
      "application/xml",
      "text/xml",
      "application/zip",
      "video/mp4",
    ]) {
      expect(checkFile(file(10, type))).toBe("fileType");
    }
  });
});

describe("formatSize", () => {
  it("reads like a file manager", () => {
    expect(formatSize(999)).toBe("999 B");
    expect(formatSize(1_200)).toBe("1.2 kB");
    expect(formatSize(999_600)).toBe("1.0 MB");
    expect(formatSize(1_200_000)).toBe("1.2 MB");
    expect(formatSize(MAX_UPLOAD_BYTES)).toBe("10 MB");
  });

  it("writes the number in the shown language", () => {
    expect(formatSize(1_200, "es")).toBe("1,2 kB");
    expect(formatSize(MAX_UPLOAD_BYTES, "es")).toBe("10 MB");
  });
});

describe("problemText", () => {
  const storeIn = (table: Record<string, string>, lang: string) =>
    ({
      lang: signal(lang),
      t: (key: string, values?: number | Values) => lookup(table, lang, key, values),
    }) as unknown as WidgetStore;

  it("says why a file was refused, with its name and the limit, in the shown language", () => {
    const english = storeIn({ ...ATTACHMENTS_EN, ...REASONS_EN }, "en");
    expect(problemText(english, { key: "fileTooLarge", name: "big.png" })).toBe(
      "big.png is larger than 10 MB, the most we accept",
    );
    expect(problemText(english, { key: "fileType", name: "page.html" })).toBe(
      "page.html is not a type we accept (images, PDF or plain text)",
    );
    expect(problemText(english, { key: "uploadFailed", name: "a.txt", reason: "reasonError" })).toBe(
      "a.txt was not sent: something went wrong on our side",
    );
    expect(
      problemText(storeIn(ES, "es"), { key: "uploadFailed", name: "a.txt", reason: "reasonOffline" }),
    ).toBe("No se envió a.txt: sin conexión con el chat");
    expect(problemText(storeIn(ES, "es"), { key: "fileTooLarge", name: "grande.png" })).toBe(
      "grande.png ocupa más de 10 MB, el máximo que aceptamos",
    );
  });
});
