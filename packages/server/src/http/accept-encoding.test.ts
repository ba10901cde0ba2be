import { describe, expect, it } from "vitest";
import { ENCODINGS, pickEncoding } from "./accept-encoding.ts";

const pick = (header: string | undefined) => pickEncoding(header, ENCODINGS)?.name ?? "identity";

describe("pickEncoding", () => {
  it("prefers Brotli, then gzip, as browsers send them", () => {
    expect(pick("gzip, deflate, br, zstd")).toBe("br");
    expect(pick("gzip, deflate")).toBe("gzip");
    expect(pick("x-gzip")).toBe("gzip");
    expect(pick("GZIP")).toBe("gzip");
  });

  it("serves the plain file when nothing we have is admitted", () => {
    expect(pick(undefined)).toBe("identity");
    expect(pick("")).toBe("identity");
    expect(pick("identity")).toBe("identity");
    expect(pick("deflate, zstd")).toBe("identity");
    expect(pick("br;q=0, gzip;q=0")).toBe("identity");
    expect(pick("*;q=0")).toBe("identity");
  });

  it("honours qualities: zero refuses, a higher one wins over our order", () => {
    expect(pick("br;q=0, gzip")).toBe("gzip");
    expect(pick("gzip;q=1.0, br;q=0.5")).toBe("gzip");
    expect(pick("gzip;q=0.5, br;q=0.5")).toBe("br");
    expect(pick("*")).toBe("br");
    expect(pick("*;q=0.1, gzip;q=0.9")).toBe("gzip");
    expect(pick("br;q=0, *")).toBe("gzip");
  });

  it("reads a malformed quality as none given, and ignores empty parts", () => {
    expect(pick("br;q=2, gzip")).toBe("br");
    expect(pick(" , ,gzip;q=abc")).toBe("gzip");
  });
});
