/** "Mar 3, 14:05": short, in the visitor's language and time zone (Intl, through toLocaleString). */
export function formatTime(ms: number): string {
  return new Date(ms).toLocaleString([], {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}
