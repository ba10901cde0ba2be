// Entry of dist/widget.js, loaded by the loader when the page is idle or on the first interaction.
import { installRelaydesk } from "./install-relaydesk.ts";
import { forgetVisitor, startWidget } from "./start-widget.ts";
import type { RelaydeskWindow } from "./types.ts";

installRelaydesk(window as RelaydeskWindow, { start: startWidget, forget: forgetVisitor });
