import { ticker } from "../ticker.ts";
import { localTimeText } from "./local-time-text.ts";

export interface LocalTimeProps {
  /** The visitor's IANA zone (the conversation's `timeZone` attribute). */
  timeZone: string;
  /** The relay's clock minus this browser's (`store.offers.skew`). */
  skew: number;
}

/** The visitor's local time, moving with the console's one ticker (only this element re-renders). */
export function LocalTime({ timeZone, skew }: LocalTimeProps) {
  const text = localTimeText(ticker.now.value + skew, timeZone);
  return text && <dd data-field="local-time">{text}</dd>;
}
