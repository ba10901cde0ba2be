import { RelaydeskError } from "@relaydesk/client";
import { describe, expect, it } from "vitest";
import { failureReason } from "./failure-reason.ts";

describe("failureReason", () => {
  it("says the connection is missing when no reply came or the request never reached the relay", () => {
    expect(failureReason(new RelaydeskError("timeout", "no reply within 10000 ms"))).toBe("reasonOffline");
    expect(failureReason(new RelaydeskError("closed", "the client was closed"))).toBe("reasonOffline");
    const unreachable = new RelaydeskError("internal", "uploadFile: the relay could not be reached", {
      cause: new TypeError("Failed to fetch"),
    });
    expect(failureReason(unreachable)).toBe("reasonOffline");
    expect(failureReason(new Error("network error"))).toBe("reasonOffline");
  });

  it("asks to wait after too many tries, and owns up to anything else", () => {
    expect(failureReason(new RelaydeskError("rate-limited", "slow down"))).toBe("reasonBusy");
    expect(failureReason(new RelaydeskError("upload-rate-limited", "20 per hour"))).toBe("reasonBusy");
    expect(failureReason(new RelaydeskError("internal", "the relay answered HTTP 500"))).toBe("reasonError");
    expect(failureReason(new RelaydeskError("not-found", "no such conversation"))).toBe("reasonError");
  });
});
