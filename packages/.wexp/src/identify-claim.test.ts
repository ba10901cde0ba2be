import { describe, expect, it } from "vitest";
import { checkClaim } from "./identify-claim.ts";

const signature = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const message = (value: unknown) => {
  try {
    checkClaim(value, "identify");
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

describe("checkClaim", () => {
  it("passes a signed user id or a JWT on, normalised", () => {
    expect(checkClaim({ userId: "user-42", signature: ` ${signature.toUpperCase()} ` }, "identify")).toEqual({
      userId: "user-42",
      signature,
    });
    expect(checkClaim({ jwt: "a.b.c", profile: { name: "Ada" }, carryConversations: false }, "x")).toEqual({
      jwt: "a.b.c",
      profile: { name: "Ada" },
      carryConversations: false,
    });
  });

  it("says what is wrong with a claim the relay could never accept", () => {
    expect(message("user-42")).toBe(
      'Relaydesk: identify: expects { userId, signature } or { jwt } from your server, got "user-42"',
    );
    expect(message({ userId: "user-42" })).toBe(
      "Relaydesk: identify: signature must be the 64-hex HMAC-SHA256 of userId, made by your server, it is missing",
    );
    expect(message({ userId: "user-42", signature: "  " })).toBe(
      'Relaydesk: identify: signature must be the 64-hex HMAC-SHA256 of userId, made by your server, got "  "',
    );
    expect(message({ userId: " ", signature })).toBe(
      'Relaydesk: identify: userId must be a non-blank string of up to 256 characters, got " "',
    );
    expect(message({ userId: "u".repeat(257), signature })).toContain("up to 256 characters");
    expect(message({ jwt: "" })).toBe('Relaydesk: identify: jwt must be a non-blank string, got ""');
    expect(message({ jwt: "a.b.c", profile: "Ada" })).toBe(
      "Relaydesk: identify: profile must be { name?, email? }",
    );
  });
});
