export { agentActions } from "./agent-actions.ts";
export type { AgentActions } from "./types.ts";
