export { agentActions } from "./agent-actions.ts";
export type { AgentActions, AgentConversationList } from "./types.ts";
