import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BusinessHours, isOpen, nextOpening, WEEKDAYS } from "./business-hours.ts";

const utc = (text: string) => Date.parse(`${text}Z`);
const H = (h: number, m = 0) => h * 60 + m;

const nineToFive: BusinessHours = {
  timeZone: "Europe/Madrid",
  weekly: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((day) => [day, [[H(9), H(17)]]])),
  holidays: ["2026-12-25"],
};

describe("isOpen", () => {
  it("reads the queue's wall clock, not UTC", () => {
    // Monday 2026-11-23, Madrid is UTC+1 in winter.
    expect(isOpen(nineToFive, utc("2026-11-23T07:59:59"))).toBe(false);
    expect(isOpen(nineToFive, utc("2026-11-23T08:00:00"))).toBe(true);
    expect(isOpen(nineToFive, utc("2026-11-23T15:59:59"))).toBe(true);
    expect(isOpen(nineToFive, utc("2026-11-23T16:00:00"))).toBe(false); // 17:00 is closed: [start, end)
    expect(isOpen(nineToFive, utc("2026-11-28T10:00:00"))).toBe(false); // Saturday
    expect(isOpen(nineToFive, utc("2026-12-25T10:00:00"))).toBe(false); // a holiday, a Friday
  });

  it("follows daylight saving time: 9:00 is 08:00 UTC before it and 07:00 UTC after", () => {
    expect(isOpen(nineToFive, utc("2026-03-27T08:00:00"))).toBe(true); // Friday, CET
    expect(isOpen(nineToFive, utc("2026-03-30T07:00:00"))).toBe(true); // Monday, CEST
    expect(isOpen(nineToFive, utc("2026-03-30T06:59:00"))).toBe(false);
  });

  it("serves a night shift written as two ranges around midnight, without a gap", () => {
    const night: BusinessHours = {
      timeZone: "UTC",
      weekly: { mon: [[H(22), H(24)]], tue: [[H(0), H(6)]] },
      holidays: [],
    };
    expect(isOpen(night, utc("2026-11-23T21:59:00"))).toBe(false);
    expect(isOpen(night, utc("2026-11-23T23:59:59"))).toBe(true);
    expect(isOpen(night, utc("2026-11-24T00:00:00"))).toBe(true);
    expect(isOpen(night, utc("2026-11-24T05:59:00"))).toBe(true);
    expect(isOpen(night, utc("2026-11-24T06:00:00"))).toBe(false);
    expect(nextOpening(night, utc("2026-11-23T12:00:00"))).toBe(utc("2026-11-23T22:00:00"));
  });
});

describe("nextOpening", () => {
  it("is now when open, else the next range's start, skipping weekends and holidays", () => {
    const at = utc("2026-11-23T10:00:00");
    expect(nextOpening(nineToFive, at)).toBe(at);
    expect(nextOpening(nineToFive, utc("2026-11-27T17:00:00"))).toBe(utc("2026-11-30T08:00:00"));
    expect(nextOpening(nineToFive, utc("2026-11-23T06:00:00"))).toBe(utc("2026-11-23T08:00:00"));
    // Thursday evening before Christmas: Friday is a holiday, so Monday the 28th.
    expect(nextOpening(nineToFive, utc("2026-12-24T18:00:00"))).toBe(utc("2026-12-28T08:00:00"));
  });

  it("opens when the clocks jump for a start time that never happens", () => {
    // Madrid, 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC); 02:30 does not exist.
    const hours: BusinessHours = {
      timeZone: "Europe/Madrid",
      weekly: { sun: [[H(2, 30), H(5)]] },
      holidays: [],
    };
    expect(nextOpening(hours, utc("2026-03-28T12:00:00"))).toBe(utc("2026-03-29T01:00:00"));
    expect(isOpen(hours, utc("2026-03-29T01:00:00"))).toBe(true);
    expect(isOpen(hours, utc("2026-03-29T00:59:00"))).toBe(false);
  });

  it("takes the first of a wall time that happens twice", () => {
    // Madrid, 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:30 happens at 00:30 and 01:30 UTC.
    const hours: BusinessHours = {
      timeZone: "Europe/Madrid",
      weekly: { sun: [[H(2, 30), H(5)]] },
      holidays: [],
    };
    expect(nextOpening(hours, utc("2026-10-24T12:00:00"))).toBe(utc("2026-10-25T00:30:00"));
  });

  it("skips a range that a clock change swallows whole", () => {
    // Lord Howe Island moves by 30 minutes: 2026-10-04 02:00 becomes 02:30, so 02:00–02:30 never is.
    const hours: BusinessHours = {
      timeZone: "Australia/Lord_Howe",
      weekly: { sun: [[H(2), H(2, 30)]] },
      holidays: [],
    };
    const next = nextOpening(hours, utc("2026-10-03T00:00:00"));
    expect(next).not.toBeNull();
    expect(next! - utc("2026-10-03T00:00:00")).toBeGreaterThan(6 * 86_400_000);
  });

  it("is null when the queue never opens", () => {
    expect(nextOpening({ timeZone: "UTC", weekly: {}, holidays: [] }, 0)).toBeNull();
  });

  const ZONES = [
    "UTC",
    "Europe/Madrid",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Chatham",
  ];
  const rangeArb = fc
    .tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 48 }))
    .map(([start, length]) => [start * 30, Math.min(1440, start * 30 + length * 30)] as const);
  const hoursArb: fc.Arbitrary<BusinessHours> = fc.record({
    timeZone: fc.constantFrom(...ZONES),
    weekly: fc
      .array(fc.array(rangeArb, { maxLength: 2 }), { minLength: 7, maxLength: 7 })
      .map((days) =>
        Object.fromEntries(days.map((ranges, i) => [WEEKDAYS[i]!, [...ranges].sort((a, b) => a[0] - b[0])])),
      ),
    holidays: fc
      .array(fc.date({ min: new Date("2026-01-01"), max: new Date("2027-12-31"), noInvalidDate: true }), {
        maxLength: 30,
      })
      .map((dates) => dates.map((date) => date.toISOString().slice(0, 10))),
  });
  // Instants around 2026–2027, including both DST changes of every zone above.
  const atArb = fc.integer({ min: utc("2026-01-01T00:00:00"), max: utc("2027-12-01T00:00:00") });

  it("gives an open instant, not before `at`, with the queue closed all the way to it", () => {
    fc.assert(
      fc.property(
        hoursArb,
        atArb,
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { maxLength: 5 }),
        (hours, at, probes) => {
          const next = nextOpening(hours, at);
          if (next === null) return;
          expect(next).toBeGreaterThanOrEqual(at);
          expect(isOpen(hours, next)).toBe(true);
          if (next === at) return;
          expect(isOpen(hours, next - 1)).toBe(false);
          for (const probe of probes) expect(isOpen(hours, at + Math.floor(probe * (next - at)))).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is null only for a queue with no hours outside holidays", () => {
    fc.assert(
      fc.property(hoursArb, atArb, (hours, at) => {
        const anyRange = Object.values(hours.weekly).some((ranges) => (ranges ?? []).length > 0);
        if (anyRange) expect(nextOpening(hours, at)).not.toBeNull();
        else expect(nextOpening(hours, at)).toBeNull();
      }),
      { numRuns: 100 },
    );
  });
});
