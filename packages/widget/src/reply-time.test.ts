import { describe, expect, it } from "vitest";
import { replyTime, waitText } from "./reply-time.ts";

// Monday 23 November 2026, 20:00 UTC.
const NOW = Date.UTC(2026, 10, 23, 20, 0);
const en = { locale: "en-GB", timeZone: "UTC" };

describe("replyTime", () => {
  it("says today, tomorrow, a weekday within the week, else the date, with the time", () => {
    expect(replyTime(Date.UTC(2026, 10, 23, 21, 30), NOW, en)).toBe("today at 21:30");
    expect(replyTime(Date.UTC(2026, 10, 24, 9, 0), NOW, en)).toBe("tomorrow at 9:00");
    expect(replyTime(Date.UTC(2026, 10, 27, 9, 0), NOW, en)).toBe("on Friday at 9:00");
    expect(replyTime(Date.UTC(2026, 11, 3, 9, 0), NOW, en)).toBe("on 3 December at 9:00");
  });

  it("counts days in the visitor's time zone, not the relay's", () => {
    // 20:00 UTC Monday is already 05:00 Tuesday in Tokyo: the 09:00 UTC opening (18:00 there) is today.
    expect(replyTime(Date.UTC(2026, 10, 24, 9, 0), NOW, { locale: "en-US", timeZone: "Asia/Tokyo" })).toBe(
      "today at 6:00 PM",
    );
    // And 15:00 Monday in New York: the opening (04:00 there) is tomorrow.
    expect(
      replyTime(Date.UTC(2026, 10, 24, 9, 0), NOW, { locale: "en-US", timeZone: "America/New_York" }),
    ).toBe("tomorrow at 4:00 AM");
  });
});

describe("waitText", () => {
  it("rounds the expected wait for a person", () => {
    expect(waitText(0)).toBe("any moment");
    expect(waitText(59_000)).toBe("any moment");
    expect(waitText(60_000)).toBe("about 1 minute");
    expect(waitText(185_000)).toBe("about 3 minutes");
    expect(waitText(3 * 3_600_000)).toBe("about 3 hours");
  });
});
