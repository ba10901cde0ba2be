import { describe, expect, it } from "vitest";
import { checkDisplayOptions, displayCss } from "./display-options.ts";

// Colours and selectors are parsed by the browser (CSS.supports, querySelector): e2e/widget-api.spec.ts.

const messages = (given: Record<string, unknown>) =>
  checkDisplayOptions(given).errors.map((error) => error.message);

describe("checkDisplayOptions", () => {
  it("reads boot values and data-* attribute text alike", () => {
    expect(
      checkDisplayOptions({
        position: "left",
        horizontalOffset: "32",
        verticalOffset: 0,
        zIndex: "-5",
        hideLauncher: "",
        openOnLoad: "false",
        greeting: "  Hi! How can we help?  ",
      }),
    ).toEqual({
      settings: {
        position: "left",
        horizontalOffset: 32,
        verticalOffset: 0,
        zIndex: -5,
        hideLauncher: true,
        openOnLoad: false,
        greeting: "Hi! How can we help?",
      },
      errors: [],
    });
  });

  it("says what each bad value should be, and keeps the good ones", () => {
    const { settings, errors } = checkDisplayOptions({
      position: "center",
      horizontalOffset: "20px",
      verticalOffset: 5000,
      zIndex: 1.5,
      hideLauncher: "sometimes",
      greeting: "",
      openOnLoad: true,
    });
    expect(settings).toEqual({ openOnLoad: true });
    expect(errors.map((error) => error.code)).toEqual(Array(6).fill("invalid-argument"));
    expect(errors.map((error) => error.message)).toEqual([
      'Relaydesk: position must be "left" or "right", got "center"',
      'Relaydesk: horizontalOffset must be a number of pixels from 0 to 1000, got "20px"',
      "Relaydesk: verticalOffset must be a number of pixels from 0 to 1000, got number 5000",
      "Relaydesk: zIndex must be an integer such as 1000, got number 1.5",
      'Relaydesk: hideLauncher must be true or false (data-* attributes: present, "true" or "false"), got "sometimes"',
      'Relaydesk: greeting must be a text of 1 to 500 characters, got ""',
    ]);
  });

  it("leaves boot's own options alone", () => {
    expect(
      checkDisplayOptions({
        appId: "acme",
        relayUrl: "https://r.example",
        sound: "yes",
        user: {},
        // The look chunk's (look.ts).
        locale: "english please",
        colorScheme: "night",
        strings: 1,
      }),
    ).toEqual({
      settings: {},
      errors: [],
    });
  });

  it("names an unknown option and the one probably meant", () => {
    expect(messages({ postion: "left", hideLauncer: true, cfasync: "false" })).toEqual([
      'Relaydesk: unknown option "postion"; did you mean "position"? (ignored)',
      'Relaydesk: unknown option "hideLauncer"; did you mean "hideLauncher"? (ignored)',
      'Relaydesk: unknown option "cfasync" (ignored)',
    ]);
  });

  it("rejects a greeting longer than 500 characters", () => {
    expect(messages({ greeting: "x".repeat(501) })).toHaveLength(1);
    expect(messages({ greeting: "x".repeat(500) })).toEqual([]);
  });
});

describe("displayCss", () => {
  it("places the widget and sets the accent colours on :host, winning over the base sheet", () => {
    expect(displayCss({})).toBe("");
    expect(displayCss({ position: "left", horizontalOffset: 8, verticalOffset: 90, zIndex: 10 })).toBe(
      ":host{right:auto!important;left:20px!important;left:8px!important;bottom:90px!important;z-index:10!important}",
    );
    expect(displayCss({ accentColor: "#0a7d5a", accentTextColor: "white" })).toBe(
      ":host{--rd-accent:#0a7d5a;--rd-accent-text:white}",
    );
  });
});
