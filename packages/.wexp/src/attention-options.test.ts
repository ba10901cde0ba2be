import { describe, expect, it, vi } from "vitest";
import { attentionSwitch } from "./attention-options.ts";

describe("attentionSwitch", () => {
  it("is off unless switched on, from boot or from the script tag", () => {
    const log = { error: vi.fn() };
    expect(attentionSwitch("sound", undefined, log)).toBe(false);
    expect(attentionSwitch("sound", false, log)).toBe(false);
    expect(attentionSwitch("sound", true, log)).toBe(true);
    // <script … data-sound>, data-sound="true", data-sound="off"
    expect(attentionSwitch("sound", "", log)).toBe(true);
    expect(attentionSwitch("notifications", "true", log)).toBe(true);
    for (const off of ["false", "0", "no", " OFF "]) expect(attentionSwitch("sound", off, log)).toBe(false);
    expect(log.error).not.toHaveBeenCalled();
  });

  it("logs a value that is neither and leaves the switch off", () => {
    const log = { error: vi.fn() };
    expect(attentionSwitch("notifications", 1, log)).toBe(false);
    expect(attentionSwitch("sound", { on: true }, log)).toBe(false);
    expect(log.error.mock.calls).toEqual([
      ["Relaydesk: notifications must be true or false, got 1"],
      ['Relaydesk: sound must be true or false, got {"on":true}'],
    ]);
  });
});
