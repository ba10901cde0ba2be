/** Right to left: the back and send arrows point the other way. Adopted by look.ts with the first such language. */
export const RTL_CSS = `
:host([dir="rtl"]) .rd-icon:first-child svg, :host([dir="rtl"]) .rd-send svg { transform: scaleX(-1); }
`;
