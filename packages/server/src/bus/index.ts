export {
  createMemoryBus,
  createMemoryHub,
  type MemoryBusOptions,
  type MemoryHub,
} from "./memory-bus.ts";
export type { Bus } from "./types.ts";
