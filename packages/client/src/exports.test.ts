import { describe, expect, it } from "vitest";
import * as client from "./index.ts";

describe("package exports", () => {
  it("exposes only createClient and RelaydeskError at runtime", () => {
    expect(Object.keys(client).sort()).toEqual(["RelaydeskError", "createClient"]);
  });
});
