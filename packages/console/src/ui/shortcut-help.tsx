import { useEffect, useRef } from "preact/hooks";
import { SHORTCUTS } from "../keyboard-shortcuts.ts";

/** The keyboard shortcuts, over the console ("?"); Esc or Close hides it and the cursor returns. */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div class="shortcut-help">
      <div
        class="shortcut-help-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-help-title"
        onKeyDown={(event) => {
          if (event.key !== "Escape") return;
          event.stopPropagation(); // Esc hides the help, not the open conversation
          onClose();
        }}
      >
        <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.action} data-action={shortcut.action}>
                <th scope="row">
                  {shortcut.keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 && " or "}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </th>
                <td>{shortcut.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="empty">Not while typing in a field; Esc leaves it.</p>
        <button ref={close} type="button" class="button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
