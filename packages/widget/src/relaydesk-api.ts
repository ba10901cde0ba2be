import { describe, resolveBootOptions } from "./boot-options.ts";
import type {
  BootDefaults,
  BootOptions,
  RelaydeskController,
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

export const EVENTS: readonly RelaydeskEventName[] = [
  "ready",
  "open",
  "close",
  "message",
  "unread-count",
  "conversation-started",
  "conversation-closed",
  "error",
];

/**
 * The public API: one widget at most, events, and commands remembered until the widget is booted.
 * Methods check their arguments and throw `WidgetError`; `createRelaydeskCommand` turns that into
 * logged errors for `window.Relaydesk`. The less common commands are carried out by the widget's
 * extras chunk; calls after one of them wait for it, so they take effect in the order made.
 */
export function createRelaydeskApi(options: RelaydeskApiOptions): RelaydeskController {
  const { start, defaults = {}, forget = () => {}, console: log = globalThis.console } = options;
  const handlers = new Map<RelaydeskEventName, Set<RelaydeskHandler<RelaydeskEventName>>>(
    EVENTS.map((event) => [event, new Set()]),
  );
  let widget: WidgetInstance | null = null;
  let bootedAppId = "";
  /** Commands made before `boot`, carried out in order once it mounts. */
  let later: (() => void)[] = [];
  /** `identify` called before `boot`: the user the widget boots as, unless `boot` names one. */
  let user: BootOptions["user"];
  /** The last extras command while it runs: later commands wait for it. */
  let busy: Promise<void> | null = null;

  function emit<E extends RelaydeskEventName>(event: E, payload: RelaydeskEvents[E]): void {
    for (const handler of [...(handlers.get(event) ?? [])]) call(event, handler, payload);
  }

  // A vendor's handler that throws must not stop the widget or the other handlers.
  function call(event: RelaydeskEventName, handler: RelaydeskHandler<RelaydeskEventName>, payload: unknown) {
    try {
      handler(payload as never);
    } catch (error) {
      log.error(`Relaydesk: a "${event}" handler threw`, error);
    }
  }

  function report(error: unknown): void {
    const reported =
      error instanceof WidgetError
        ? error
        : new WidgetError("widget-failed", `the widget failed: ${String(error)}`, error);
    log.error(reported.message, ...(reported === error ? [] : [error]));
    emit("error", reported);
  }

  function checkEvent(method: string, event: unknown, handler: unknown): asserts event is RelaydeskEventName {
    if (!handlers.has(event as RelaydeskEventName)) {
      throw new WidgetError(
        "invalid-argument",
        `${method}: unknown event ${describe(event)} (events: ${EVENTS.join(", ")})`,
      );
    }
    if (typeof handler !== "function") {
      throw new WidgetError("invalid-argument", `${method}("${event}", handler): handler must be a function`);
    }
  }

  /** Run `command` now, or after the extras command still running, or after `boot`. */
  function inOrder(command: (current: WidgetInstance) => Promise<void> | void): void {
    if (!widget) {
      later.push(() => inOrder(command));
      return;
    }
    const current = widget;
    const done = busy ? busy.then(() => command(current)) : command(current);
    if (!done) return;
    const waiting = done.catch(report);
    busy = waiting;
    void waiting.then(() => {
      if (busy === waiting) busy = null;
    });
  }

  const api: RelaydeskController = {
    get booted() {
      return widget !== null;
    },
    report,
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
      try {
        widget = start(resolved, { emit, report });
      } catch (error) {
        // A widget that cannot start must not take the host page with it.
        report(error);
        return;
      }
      bootedAppId = resolved.appId;
      const queued = later;
      later = [];
      for (const command of queued) command();
      emit("ready", undefined);
    },
    open: () => inOrder((current) => void current.open()),
    close: () => inOrder((current) => void current.close()),
    toggle: () => inOrder((current) => void current.toggle()),
    // The claim is checked in the identify chunk, which logs what is wrong with it.
    identify(claim) {
      if (widget) widget.identify(claim);
      else user = claim;
    },
    on(event, handler) {
      checkEvent("on", event, handler);
      handlers.get(event)?.add(handler as RelaydeskHandler<RelaydeskEventName>);
      if (event === "ready" && widget)
        call("ready", handler as RelaydeskHandler<RelaydeskEventName>, undefined);
    },
    once(event, handler) {
      checkEvent("once", event, handler);
      const wrapper = (payload: RelaydeskEvents[typeof event]) => {
        api.off(event, wrapper);
        handler(payload);
      };
      api.on(event, wrapper);
    },
    off(event, handler) {
      checkEvent("off", event, handler);
      handlers.get(event)?.delete(handler as RelaydeskHandler<RelaydeskEventName>);
    },
    shutdown() {
      later = [];
      user = undefined;
      busy = null;
      if (widget) {
        const current = widget;
        widget = null;
        current.shutdown();
      } else if (defaults.appId) {
        forget(defaults.appId);
      }
    },
    run: (command, args) => inOrder((current) => current.run(command, args)),
  } satisfies RelaydeskController;
  return api;
}
