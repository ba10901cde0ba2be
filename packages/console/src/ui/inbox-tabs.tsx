import type { InboxGroups, InboxView } from "../inbox-groups.ts";

export const VIEW_TITLES: Record<InboxView, string> = {
  mine: "Mine",
  queues: "My queues",
  offered: "Offered",
  unassigned: "Unassigned",
  all: "All",
};

const VIEWS = Object.keys(VIEW_TITLES) as InboxView[];

export interface InboxTabsProps {
  groups: InboxGroups;
  view: InboxView;
  onChange(view: InboxView): void;
}

/** The inbox's views as tabs, each with its count; Left / Right move between them. */
export function InboxTabs({ groups, view, onChange }: InboxTabsProps) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    event.preventDefault();
    const at = VIEWS.indexOf(view) + (event.key === "ArrowRight" ? 1 : -1);
    const next = VIEWS[(at + VIEWS.length) % VIEWS.length]!;
    onChange(next);
    (event.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-view="${next}"]`)?.focus();
  };
  return (
    <div class="inbox-tabs" role="tablist" aria-label="Inbox views" onKeyDown={onKeyDown}>
      {VIEWS.map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          id={`inbox-tab-${v}`}
          data-view={v}
          aria-selected={v === view}
          aria-controls="inbox-view"
          tabIndex={v === view ? 0 : -1}
          onClick={() => onChange(v)}
        >
          {VIEW_TITLES[v]} <span class="count">{groups[v].length}</span>
        </button>
      ))}
    </div>
  );
}
