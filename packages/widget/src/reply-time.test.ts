import { describe, expect, it } from "vitest";
import { STRINGS as AR } from "./locales/ar.ts";
import { STRINGS as ES } from "./locales/es.ts";
import { replyTime, waitText } from "./reply-time.ts";
import { lookup, type Translate } from "./strings.ts";
import { EXTRAS_EN } from "./ui/extras-strings.ts";

// Monday 23 November 2026, 20:00 UTC.
const NOW = Date.UTC(2026, 10, 23, 20, 0);
const en = { locale: "en-GB", timeZone: "UTC" };
const english: Translate = (key, values) => lookup(EXTRAS_EN, "en", key, values);
const spanish: Translate = (key, values) => lookup(ES, "es", key, values);

describe("replyTime", () => {
  it("says today, tomorrow, a weekday within the week, else the date, with the time", () => {
    expect(replyTime(Date.UTC(2026, 10, 23, 21, 30), NOW, english, en)).toBe("We reply today at 21:30.");
    expect(replyTime(Date.UTC(2026, 10, 24, 9, 0), NOW, english, en)).toBe("We reply tomorrow at 9:00.");
    expect(replyTime(Date.UTC(2026, 10, 27, 9, 0), NOW, english, en)).toBe("We reply on Friday at 9:00.");
    expect(replyTime(Date.UTC(2026, 11, 3, 9, 0), NOW, english, en)).toBe("We reply on 3 December at 9:00.");
  });

  it("counts days in the visitor's time zone, not the relay's", () => {
    // 20:00 UTC Monday is already 05:00 Tuesday in Tokyo: the 09:00 UTC opening (18:00 there) is today.
    expect(
      replyTime(Date.UTC(2026, 10, 24, 9, 0), NOW, english, { locale: "en-US", timeZone: "Asia/Tokyo" }),
    ).toBe("We reply today at 6:00 PM.");
    // And 15:00 Monday in New York: the opening (04:00 there) is tomorrow.
    expect(
      replyTime(Date.UTC(2026, 10, 24, 9, 0), NOW, english, {
        locale: "en-US",
        timeZone: "America/New_York",
      }),
    ).toBe("We reply tomorrow at 4:00 AM.");
  });

  it("speaks the pack's language, the day and time written by Intl in it", () => {
    const es = { locale: "es", timeZone: "UTC" };
    expect(replyTime(Date.UTC(2026, 10, 24, 9, 0), NOW, spanish, es)).toBe("Respondemos mañana a las 9:00.");
    expect(replyTime(Date.UTC(2026, 10, 27, 9, 0), NOW, spanish, es)).toBe(
      "Respondemos el viernes a las 9:00.",
    );
    expect(replyTime(Date.UTC(2026, 11, 3, 9, 0), NOW, spanish, es)).toBe(
      "Respondemos el 3 de diciembre a las 9:00.",
    );
  });
});

describe("waitText", () => {
  it("rounds the expected wait for a person", () => {
    expect(waitText(0, english)).toBe("any moment");
    expect(waitText(59_000, english)).toBe("any moment");
    expect(waitText(60_000, english)).toBe("about 1 minute");
    expect(waitText(185_000, english)).toBe("about 3 minutes");
    expect(waitText(3 * 3_600_000, english)).toBe("about 3 hours");
  });

  it("takes the language's plural forms", () => {
    expect(waitText(60_000, spanish)).toBe("alrededor de 1 minuto");
    expect(waitText(185_000, spanish)).toBe("alrededor de 3 minutos");
    const arabic: Translate = (key, values) => lookup(AR, "ar", key, values);
    expect(waitText(120_000, arabic)).toBe(AR.waitMinutes_two);
    expect(waitText(2 * 3_600_000, arabic)).toBe(AR.waitHours_two);
  });
});
