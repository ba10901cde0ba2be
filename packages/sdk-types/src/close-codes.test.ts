import { describe, expect, it } from "vitest";
import { CLOSE_CODES, closeCodeInfo, isCloseCode } from "./close-codes.ts";
import { CODES, type ErrorCode } from "./codes.ts";

describe("CLOSE_CODES", () => {
  it("lists exactly the close codes of CODES, with the same error code and retry", () => {
    const fromCodes = Object.entries(CODES)
      .flatMap(([code, info]) => ("close" in info ? [[info.close, code, info.retry] as const] : []))
      .sort(([a], [b]) => a - b);
    const fromTable = Object.entries(CLOSE_CODES)
      .map(([close, [code, retry]]) => [Number(close), code, retry] as const)
      .sort(([a], [b]) => a - b);
    expect(fromTable).toEqual(fromCodes);
  });

  it("tells close codes from request errors", () => {
    expect(isCloseCode("slow-consumer")).toBe(true);
    expect(isCloseCode("not-found" satisfies ErrorCode)).toBe(false);
    expect(closeCodeInfo(4011)).toEqual({ code: "too-many-connections", retry: true });
    expect(closeCodeInfo(1000)).toEqual({ code: null, retry: false });
    expect(closeCodeInfo(1006)).toEqual({ code: null, retry: true });
  });
});
