/** The stylesheet of the attachments part (tray, files in messages), adopted when its chunk loads. */
export const ATTACHMENTS_CSS = `
.rd-attach svg { width: 20px; height: 20px; }
.rd-attach { position: relative; display: grid; place-items: center; height: 40px; color: var(--rd-muted); }
.rd-attach input { position: absolute; inset: 0; opacity: 0; }
.rd-attach:focus-within { outline: 2px solid; }
.rd-tray { padding: 8px 12px 0; display: grid; gap: 6px; font-size: 13px; }
.rd-refused, .rd-upload-error { margin: 0; color: #b42318; }
.rd-uploads, .rd-files { margin: 0; padding: 0; list-style: none; display: grid; gap: 6px; }
.rd-upload { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.rd-upload progress { flex: 1; min-width: 80px; }
.rd-upload button, .rd-download {
  border: 1px solid var(--rd-border); border-radius: 8px; padding: 2px 8px; background: none; color: inherit;
}
.rd-file-name { overflow-wrap: anywhere; }
.rd-file-size { opacity: 0.7; }
.rd-files { margin-top: 4px; }
.rd-file { display: grid; gap: 4px; justify-items: start; }
.rd-img { max-width: 100%; max-height: 200px; border-radius: 8px; }
`;
