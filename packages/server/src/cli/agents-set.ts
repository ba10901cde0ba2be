import { RelaydeskError } from "../errors.ts";
import type { Agent, AgentPatch } from "../storage/types.ts";
import type { Command } from "./command.ts";
import { DATA_OPTION, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";

export interface AgentsSetOptions {
  /** An agent id, or a name given with --name. */
  who: { id: string } | { name: string };
  patch: AgentPatch;
  dataDir: string;
}

const SKILL = /^[a-z0-9][a-z0-9._-]*$/;
const MAX_CAPACITY = 1_000;

export const agentsSet: Command<AgentsSetOptions> = {
  path: ["agents", "set"],
  summary: "Set an agent's capacity and skills (used by routing)",
  usage: `Usage: relaydesk agents set <agentId> | --name <name> [--capacity <n>|default] [--skill <skill>...] [--no-skills] [--data <dir>]

Sets what routing knows of an agent. Capacity is the most conversations assigned to it at once
(default 5); skills are what a queue or rule may require (lower case: a-z 0-9 . _ -). Giving
--skill replaces every skill the agent had; --no-skills removes them all.

Options:
  --name <name>        Find the agent by name instead of id (must be unique)
  --capacity <n>       1-${MAX_CAPACITY}, or "default" for the relay's default
  --skill <skill>      A skill; repeat for several
  --no-skills          Remove every skill
${dataUsage(21)}`,
  options: {
    name: { type: "string" },
    capacity: { type: "string" },
    skill: { type: "string", multiple: true },
    "no-skills": { type: "boolean" },
    ...DATA_OPTION,
  },

  parse(args, env) {
    const id = args.positionals.join(" ").trim();
    const name = typeof args.values.name === "string" ? args.values.name.trim() : undefined;
    if ((id === "") === (name === undefined)) {
      throw new RelaydeskError("usage", "agents set needs the agent: either <agentId> or --name <name>.");
    }
    const patch: AgentPatch = {};
    const capacity = args.values.capacity;
    if (typeof capacity === "string") {
      if (capacity === "default") patch.capacity = null;
      else {
        const n = Number(capacity);
        if (!/^\d+$/.test(capacity) || n < 1 || n > MAX_CAPACITY) {
          throw new RelaydeskError(
            "invalid-option",
            `--capacity "${capacity}": give a whole number from 1 to ${MAX_CAPACITY}, or default.`,
          );
        }
        patch.capacity = n;
      }
    }
    const skills = (args.values.skill ?? []) as string[];
    for (const skill of skills) {
      if (!SKILL.test(skill) || skill.length > 40) {
        throw new RelaydeskError(
          "invalid-option",
          `--skill "${skill}": use 1-40 of a-z 0-9 . _ - (lower case).`,
        );
      }
    }
    if (args.values["no-skills"] === true) {
      if (skills.length > 0)
        throw new RelaydeskError("usage", "give either --skill or --no-skills, not both.");
      patch.skills = [];
    } else if (skills.length > 0) patch.skills = skills;
    if (patch.capacity === undefined && patch.skills === undefined) {
      throw new RelaydeskError("usage", "agents set needs --capacity, --skill or --no-skills.");
    }
    return { who: name === undefined ? { id } : { name }, patch, dataDir: resolveDataDir(args, env) };
  },

  async run({ who, patch, dataDir }, io) {
    const storage = openDataStorage(dataDir);
    try {
      const agents = await storage.listAgents();
      const matching =
        "id" in who ? agents.filter((a) => a.id === who.id) : agents.filter((a) => a.name === who.name);
      if (matching.length === 0) {
        const what = "id" in who ? `<agentId> "${who.id}"` : `--name "${who.name}"`;
        throw new RelaydeskError("invalid-option", `${what}: no such agent (relaydesk agents list).`);
      }
      if (matching.length > 1) {
        throw new RelaydeskError(
          "invalid-option",
          `--name "${"name" in who ? who.name : ""}": ${matching.length} agents have it; give the id.`,
        );
      }
      const updated = (await storage.updateAgent(matching[0]!.id, patch)) as Agent;
      const capacity = updated.capacity === null ? "default" : String(updated.capacity);
      io.out(
        `${updated.name} (${updated.id}): capacity ${capacity}, skills ${updated.skills.join(", ") || "none"}.\n`,
      );
      return 0;
    } finally {
      await storage.close();
    }
  },
};
