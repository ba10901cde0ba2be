import type { ConsoleStore } from "../store.ts";

const STATUS_TEXT = { online: "Online", away: "Away", offline: "Offline" } as const;

/** The agents of your apps and their presence, live (`presence-changed`), at the foot of the inbox. */
export function TeamList({ store }: { store: ConsoleStore }) {
  const agents = store.presence.agents.value;
  const selfId = store.session.value?.self.id;
  return (
    <section class="inbox-section team" aria-labelledby="team-heading">
      <div class="inbox-section-head">
        <h2 id="team-heading">Team</h2>
        <span class="count">{agents.filter((a) => a.status === "online").length} online</span>
      </div>
      <ul class="team-list">
        {agents.map((agent) => (
          <li key={agent.id} class={`team-member presence-${agent.status}`} data-agent-id={agent.id}>
            <span class="presence-dot" aria-hidden="true" />
            <span class="team-member-name" title={agent.name}>
              {agent.name}
              {agent.id === selfId ? " (you)" : ""}
            </span>
            <span class="team-member-status">{STATUS_TEXT[agent.status]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
