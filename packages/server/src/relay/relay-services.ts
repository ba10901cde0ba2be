import type { RelayLimiters } from "../limits/relay-limiters.ts";
import type { Logger } from "../logger.ts";
import type { AgentPresence } from "../routing/presence.ts";
import type { Router } from "../routing/router.ts";
import type { Storage } from "../storage/types.ts";
import type { FanOut } from "./fan-out.ts";
import type { FrameEncoder } from "./frame-encoder.ts";
import type { KeyedLock } from "./keyed-lock.ts";
import type { SignalThrottle } from "./signal-throttle.ts";

/** What every connection of one relay shares. Built once by `createRelay`. */
export interface RelayServices {
  storage: Storage;
  fanOut: FanOut;
  encoder: FrameEncoder;
  router: Router;
  presence: AgentPresence;
  signals: SignalThrottle;
  visitorLock: KeyedLock;
  limiters: RelayLimiters;
  logger: Logger;
  now: () => number;
}
