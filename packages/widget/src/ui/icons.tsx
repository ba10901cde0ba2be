// Inline SVG built with DOM calls by Preact (no markup strings), drawn in the current text colour.

/** An icon of the 24-unit grid, one path: decorative, as its button carries the name. */
export function icon(path: string) {
  return () => (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={path} />
    </svg>
  );
}

export const ChatIcon = icon(
  "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
);
export const CloseIcon = icon(
  "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z",
);
export const BackIcon = icon("M15.4 7.4 14 6l-6 6 6 6 1.4-1.4-4.6-4.6z");
export const SendIcon = icon("M3 20.5 21 12 3 3.5 3 10l12 2-12 2z");
