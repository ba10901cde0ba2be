/** The stylesheet of the conversations part (the list, the closed note), adopted when its chunk loads. */
export const CONVERSATIONS_CSS = `
.rd-list { flex: 1; overflow-y: auto; margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; }
.rd-conv {
  display: grid; gap: 2px; width: 100%; padding: 12px 18px; border: 0;
  border-bottom: 1px solid var(--rd-border); background: none; text-align: left;
}
.rd-conv:hover { background: var(--rd-other-bg); }
.rd-row { display: flex; align-items: center; gap: 8px; font-size: 12px; color: var(--rd-muted); }
.rd-row b { flex: 1; font-size: 14px; color: var(--rd-text); }
.rd-preview, .rd-row b { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.rd-dot { width: 8px; height: 8px; border-radius: 50%; background: var(--rd-accent); }
.rd-foot { display: grid; gap: 8px; padding: 12px; border-top: 1px solid var(--rd-border); text-align: center; }
.rd-note { margin: 0; color: var(--rd-muted); }
.rd-new { border: 0; border-radius: 12px; padding: 10px; background: var(--rd-accent); color: var(--rd-accent-text); }
`;
