import { useEffect, useState } from "preact/hooks";

/** This browser's clock, re-read every `everyMs` while the component is shown (for countdowns). */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
