import { writeFileSync } from "node:fs";
import { protocolJsonSchema } from "../src/json-schema.ts";

const target = new URL("../protocol.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(protocolJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
