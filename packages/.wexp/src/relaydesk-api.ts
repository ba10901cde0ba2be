import { describe, resolveBootOptions } from "./boot-options.ts";
import type {
  BootDefaults,
  BootOptions,
  RelaydeskApi,
  RelaydeskEventName,
  RelaydeskEvents,
  RelaydeskHandler,
  StartWidget,
  WidgetInstance,
} from "./types.ts";
import { WidgetError } from "./widget-error.ts";

export interface RelaydeskApiOptions {
  /** Mounts one widget; called by the first successful `boot`. */
  start: StartWidget;
  /** Defaults for `boot` (the loader's script tag). */
  defaults?: BootDefaults;
  /** Clears an app's stored state when `shutdown` comes before any `boot`. */
  forget?: (appId: string) => void;
  /** Where warnings and errors thrown by the vendor's handlers are reported. */
  console?: Pick<Console, "warn" | "error">;
}

export const EVENTS: readonly RelaydeskEventName[] = ["ready", "open", "close", "message"];

type HandlerSets = { [E in RelaydeskEventName]: Set<RelaydeskHandler<E>> };

/**
 * The public API: one widget at most, events, and open/close remembered until the widget is booted.
 * Methods check their arguments and throw `WidgetError`; `createRelaydeskCommand` turns that into
 * logged errors for `window.Relaydesk`.
 */
export function createRelaydeskApi(options: RelaydeskApiOptions): RelaydeskApi {
  const { start, defaults = {}, forget = () => {}, console: log = globalThis.console } = options;
  const handlers: HandlerSets = { ready: new Set(), open: new Set(), close: new Set(), message: new Set() };
  let widget: WidgetInstance | null = null;
  let bootedAppId = "";
  /** `open`/`close` called before `boot` (e.g. queued by the vendor): applied when it mounts. */
  let wantOpen = false;
  /** `identify` called before `boot`: the user the widget boots as, unless `boot` names one. */
  let user: BootOptions["user"];

  function emit<E extends RelaydeskEventName>(event: E, payload: RelaydeskEvents[E]): void {
    for (const handler of [...handlers[event]]) call(event, handler, payload);
  }

  // A vendor's handler that throws must not stop the widget or the other handlers.
  function call<E extends RelaydeskEventName>(
    event: E,
    handler: RelaydeskHandler<E>,
    payload: RelaydeskEvents[E],
  ) {
    try {
      handler(payload);
    } catch (error) {
      log.error(`Relaydesk: a "${event}" handler threw`, error);
    }
  }

  function checkEvent(
    method: "on" | "off",
    event: unknown,
    handler: unknown,
  ): asserts event is RelaydeskEventName {
    if (!EVENTS.includes(event as RelaydeskEventName)) {
      throw new WidgetError(
        "invalid-argument",
        `${method}: unknown event ${describe(event)} (events: ${EVENTS.join(", ")})`,
      );
    }
    if (typeof handler !== "function") {
      throw new WidgetError("invalid-argument", `${method}("${event}", handler): handler must be a function`);
    }
  }

  return {
    get booted() {
      return widget !== null;
    },
    boot(bootOptions?: BootOptions) {
      if (widget) {
        log.warn(
          `Relaydesk: already booted for app "${bootedAppId}"; call Relaydesk("shutdown") before booting again`,
        );
        return;
      }
      const resolved = resolveBootOptions(bootOptions, defaults);
      if (user && !resolved.user) resolved.user = user;
      user = undefined;
      widget = start(resolved, {
        onMessage: (message) => emit("message", message),
        onOpenChange: (isOpen) => emit(isOpen ? "open" : "close", undefined),
      });
      bootedAppId = resolved.appId;
      if (wantOpen) widget.open();
      wantOpen = false;
      emit("ready", undefined);
    },
    open() {
      if (widget) widget.open();
      else wantOpen = true;
    },
    close() {
      if (widget) widget.close();
      else wantOpen = false;
    },
    toggle() {
      if (widget) widget.toggle();
      else wantOpen = !wantOpen;
    },
    // The claim is checked in the identify chunk, which logs what is wrong with it.
    identify(claim) {
      if (widget) widget.identify(claim);
      else user = claim;
    },
    on(event, handler) {
      checkEvent("on", event, handler);
      handlers[event].add(handler);
      if (event === "ready" && widget) call("ready", handler as RelaydeskHandler<"ready">, undefined);
    },
    off(event, handler) {
      checkEvent("off", event, handler);
      handlers[event].delete(handler);
    },
    shutdown() {
      wantOpen = false;
      user = undefined;
      if (widget) {
        const current = widget;
        widget = null;
        current.shutdown();
      } else if (defaults.appId) {
        forget(defaults.appId);
      }
    },
  } satisfies RelaydeskApi;
}
