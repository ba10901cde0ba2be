/**
 * The stylesheet of the conversations part (the list, the closed note, the pre-chat form, offline
 * notice, rating and transcript link), adopted when its chunk loads.
 */
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
.rd-form { display: grid; gap: 10px; padding: 12px 16px; border-top: 1px solid var(--rd-border); overflow-y: auto; }
.rd-form h3 { margin: 0; font-size: 15px; }
.rd-form p { margin: 0; color: var(--rd-muted); }
.rd-field { display: grid; gap: 4px; font-size: 13px; }
.rd-field input, .rd-field textarea, .rd-field select {
  font: inherit; color: inherit; padding: 8px 10px; border: 1px solid var(--rd-border); border-radius: 10px; background: var(--rd-bg);
}
.rd-field textarea { resize: vertical; min-height: 56px; }
.rd-field [aria-invalid="true"] { border-color: var(--rd-danger); }
.rd-error { color: var(--rd-danger); font-size: 12px; }
.rd-submit { border: 0; border-radius: 12px; padding: 10px; background: var(--rd-accent); color: var(--rd-accent-text); }
.rd-notice { margin: 0; padding: 10px 16px; background: var(--rd-other-bg); font-size: 13px; }
/* Under the messages, never over them: in a short panel (a phone with its keyboard open) it scrolls. */
.rd-offline { max-height: 45%; }
.rd-stars { display: flex; gap: 6px; justify-content: center; }
.rd-star { width: 40px; height: 40px; border: 1px solid var(--rd-border); border-radius: 10px; background: var(--rd-bg); font-size: 16px; }
.rd-star[aria-pressed="true"] { background: var(--rd-accent); color: var(--rd-accent-text); border-color: var(--rd-accent); }
.rd-transcript { display: block; width: 100%; border: 0; background: none; padding: 6px 16px 10px; font-size: 12px; color: var(--rd-muted); text-align: center; }
`;
