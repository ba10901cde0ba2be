import { MAX_UPLOAD_BYTES } from "@relaydesk/sdk-types";
import { describe, expect, it } from "vitest";
import { checkFile, formatSize } from "./uploads.ts";

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
    expect(checkFile(file(0, "image/png"))).toBe("is empty");
    expect(checkFile(file(MAX_UPLOAD_BYTES + 1, "image/png"))).toBe(
      "is larger than 10 MB, the most we accept",
    );
    for (const type of [
      "text/html",
      "image/svg+xml",
      "application/xml",
      "text/xml",
      "application/zip",
      "video/mp4",
    ]) {
      expect(checkFile(file(10, type))).toBe("is not a type we accept (images, PDF or plain text)");
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
});
