import { describe, expect, it } from "vitest";
import { checkCommand } from "./extra-commands.ts";

const PAGE = "https://app.example.com/pricing";
const error = (run: () => unknown) => {
  try {
    run();
  } catch (thrown) {
    return (thrown as Error).message;
  }
  return "no error";
};

describe("checkCommand", () => {
  it("update takes the page (url resolved against the current page, title optional)", () => {
    expect(checkCommand("update", [{ page: { url: "/billing?tab=2", title: "Billing" } }], PAGE)).toEqual({
      command: "update",
      page: { url: "https://app.example.com/billing?tab=2", title: "Billing" },
    });
    expect(checkCommand("update", [{ page: {} }], PAGE)).toEqual({
      command: "update",
      page: { url: PAGE, title: undefined },
    });
    expect(checkCommand("update", [{}], PAGE)).toEqual({ command: "update", page: null });
  });

  it("update says what the relay accepts", () => {
    expect(error(() => checkCommand("update", ["page"], PAGE))).toBe(
      'Relaydesk: update(attributes): attributes must be an object such as { page: { url, title } }, got "page"',
    );
    expect(error(() => checkCommand("update", [{ plan: "pro" }], PAGE))).toBe(
      'Relaydesk: update(attributes): unknown attribute "plan"; the relay accepts only "page" ({ url?, title? })',
    );
    expect(error(() => checkCommand("update", [{ page: { url: "javascript:alert(1)" } }], PAGE))).toBe(
      'Relaydesk: update: page.url must be an http(s) URL of up to 2048 characters, got "javascript:alert(1)"',
    );
    expect(
      error(() => checkCommand("update", [{ page: { url: `${PAGE}?${"x".repeat(2048)}` } }], PAGE)),
    ).toMatch(/page\.url must be/);
    expect(error(() => checkCommand("update", [{ page: { title: 42 } }], PAGE))).toBe(
      "Relaydesk: update: page.title must be a text of up to 512 characters, got number 42",
    );
  });

  it("sendMessage needs a non-blank text within the protocol's limit", () => {
    expect(checkCommand("sendMessage", ["Hello"], PAGE)).toEqual({ command: "sendMessage", text: "Hello" });
    for (const bad of [undefined, "", "   ", 42, "x".repeat(10_001)]) {
      expect(error(() => checkCommand("sendMessage", [bad], PAGE))).toMatch(
        /^Relaydesk: sendMessage\(text\): text must be a non-blank text of up to 10000 characters, got /,
      );
    }
  });

  it("showNewMessage takes an optional prefill", () => {
    expect(checkCommand("showNewMessage", [], PAGE)).toEqual({ command: "showNewMessage", prefill: "" });
    expect(checkCommand("showNewMessage", ["About my invoice"], PAGE)).toEqual({
      command: "showNewMessage",
      prefill: "About my invoice",
    });
    expect(error(() => checkCommand("showNewMessage", [{ text: "x" }], PAGE))).toBe(
      "Relaydesk: showNewMessage(prefill): prefill must be a text of up to 10000 characters, got an object",
    );
  });

  it("setLocale and setColorScheme check their value", () => {
    expect(checkCommand("setLocale", ["ar"], PAGE)).toEqual({ command: "setLocale", locale: "ar" });
    expect(checkCommand("setColorScheme", ["auto"], PAGE)).toEqual({
      command: "setColorScheme",
      scheme: "auto",
    });
    expect(error(() => checkCommand("setLocale", ["fr_FR"], PAGE))).toBe(
      'Relaydesk: setLocale(locale): locale must be a language tag such as "en", "fr" or "pt-BR", got "fr_FR"',
    );
    expect(error(() => checkCommand("setColorScheme", ["Dark"], PAGE))).toBe(
      'Relaydesk: setColorScheme(scheme): scheme must be "light" or "dark" or "auto", got "Dark"',
    );
  });
});
