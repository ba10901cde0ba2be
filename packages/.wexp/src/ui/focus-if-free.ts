/**
 * Focus `element` when nothing else holds the focus: the visitor opened the panel or moved inside
 * it, and the control they used is gone. Never when the page opened the panel while the visitor was
 * typing somewhere else on it.
 */
export function focusIfFree(element: HTMLElement | null | undefined): void {
  const root = element?.getRootNode();
  const active = element?.ownerDocument.activeElement;
  const host = root && "host" in root ? root.host : null;
  if (!active || active === element?.ownerDocument.body || active === host) element?.focus();
}
