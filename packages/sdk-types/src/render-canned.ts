/**
 * The values a canned reply's placeholders are filled from. A missing value (an anonymous visitor
 * has no name) renders as an empty string, so the reply reads "Hi ," rather than "Hi {visitor.name},"
 * in front of a customer; placeholders this function does not know are left as they are, so a
 * typo stays visible to the agent who reads the text before sending it.
 */
export interface CannedValues {
  visitor?: { name?: string | undefined; email?: string | undefined } | undefined;
  agent?: { name?: string | undefined } | undefined;
  conversation?: { id?: string | undefined } | undefined;
}

const PLACEHOLDER = /\{(visitor\.name|visitor\.email|agent\.name|conversation\.id)\}/g;

/**
 * Fill `{visitor.name}`, `{visitor.email}`, `{agent.name}` and `{conversation.id}` in a canned
 * reply. Pure: no HTML, no escaping (message bodies are rendered as text everywhere).
 *
 * @example
 * renderCanned("Hi {visitor.name}, {agent.name} here.", { visitor: { name: "Ada" }, agent: { name: "Bob" } });
 * // -> "Hi Ada, Bob here."
 */
export function renderCanned(text: string, values: CannedValues): string {
  return text.replace(PLACEHOLDER, (_match, key: string) => {
    switch (key) {
      case "visitor.name":
        return values.visitor?.name ?? "";
      case "visitor.email":
        return values.visitor?.email ?? "";
      case "agent.name":
        return values.agent?.name ?? "";
      default:
        return values.conversation?.id ?? "";
    }
  });
}
