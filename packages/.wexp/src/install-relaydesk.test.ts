import type { Message } from "@relaydesk/sdk-types";
import { describe, expect, it } from "vitest";
import { installRelaydesk } from "./install-relaydesk.ts";
import type {
  RelaydeskGlobal,
  RelaydeskWindow,
  ResolvedBootOptions,
  StartWidget,
  WidgetHooks,
} from "./types.ts";

// widget.js runs in a browser; these tests cover what it does before any DOM work: take over the
// queue, replay it, boot. `start` (which mounts the UI) is replaced by a recorder of what it was asked.

function recorder() {
  const log: string[] = [];
  const booted: ResolvedBootOptions[] = [];
  let hooks: WidgetHooks | null = null;
  const start: StartWidget = (options, widgetHooks) => {
    booted.push(options);
    hooks = widgetHooks;
    log.push(`start ${options.appId}`);
    return {
      open: () => log.push("open"),
      close: () => log.push("close"),
      toggle: () => log.push("toggle"),
      identify: (claim) => log.push(`identify ${claim.userId ?? "jwt"}`),
      shutdown: () => log.push("shutdown"),
    };
  };
  const errors: unknown[][] = [];
  const warnings: unknown[][] = [];
  const console = {
    error: (...args: unknown[]) => errors.push(args),
    warn: (...args: unknown[]) => warnings.push(args),
  };
  return { log, booted, start, console, errors, warnings, hooks: () => hooks };
}

function loaderStub(queue: ArrayLike<unknown>[], dataset: Record<string, string>): RelaydeskGlobal {
  const stub: RelaydeskGlobal = (...args: unknown[]) => {
    queue.push(args);
  };
  stub.q = queue;
  stub.loaded = true;
  stub.script = {
    src: "https://relay.example.com/widget/loader.js",
    dataset,
  } as unknown as HTMLScriptElement;
  return stub;
}

function vendorArguments(...args: unknown[]): IArguments {
  // The common vendor stub pushes real `arguments` objects.
  return (function (this: unknown) {
    // biome-ignore lint/complexity/noArguments: reproducing what vendors' snippets push
    return arguments;
  })(...(args as []));
}

describe("installRelaydesk", () => {
  it("replays queued calls in order, then boots from the script tag", () => {
    const r = recorder();
    const seen: string[] = [];
    const win: RelaydeskWindow = {};
    win.Relaydesk = loaderStub([], { appId: "acme" });
    win.Relaydesk("on", "ready", () => seen.push("ready"));
    win.Relaydesk("open");
    installRelaydesk(win, null, { start: r.start, console: r.console });
    expect(r.booted).toEqual([{ appId: "acme", relayUrl: "https://relay.example.com" }]);
    expect(r.log).toEqual(["start acme", "open"]);
    expect(seen).toEqual(["ready"]);
    expect(win.Relaydesk?.api?.booted).toBe(true);
    // The real API answers directly now.
    win.Relaydesk("close");
    expect(r.log.at(-1)).toBe("close");
  });

  it("keeps calls from the vendor's own stub made before the loader ran", () => {
    const r = recorder();
    const win: RelaydeskWindow = {};
    const q: ArrayLike<unknown>[] = [
      vendorArguments("boot", { appId: "from-queue" }),
      vendorArguments("toggle"),
    ];
    win.Relaydesk = loaderStub(q, { appId: "acme" });
    installRelaydesk(win, null, { start: r.start, console: r.console });
    // The queued boot wins over the script tag's app id; the tag still gives the relay.
    expect(r.booted).toEqual([{ appId: "from-queue", relayUrl: "https://relay.example.com" }]);
    expect(r.log).toEqual(["start from-queue", "toggle"]);
  });

  it("does not auto-boot when the tag says so, and boots on the vendor's call", () => {
    const r = recorder();
    const win: RelaydeskWindow = { Relaydesk: loaderStub([], { appId: "acme", autoBoot: "false" }) };
    installRelaydesk(win, null, { start: r.start, console: r.console });
    expect(r.booted).toEqual([]);
    win.Relaydesk?.("boot");
    expect(r.booted).toHaveLength(1);
  });

  it("a second widget.js or a second boot never makes a second widget", () => {
    const r = recorder();
    const win: RelaydeskWindow = { Relaydesk: loaderStub([], { appId: "acme" }) };
    const first = installRelaydesk(win, null, { start: r.start, console: r.console });
    const second = installRelaydesk(win, null, { start: r.start, console: r.console });
    expect(second).toBe(first);
    win.Relaydesk?.("boot", { appId: "acme" });
    expect(r.booted).toHaveLength(1);
    expect(String(r.warnings[0]?.[0])).toContain('already booted for app "acme"');
  });

  it("logs readable errors for bad queued calls and carries on", () => {
    const r = recorder();
    const win: RelaydeskWindow = { Relaydesk: loaderStub([], { appId: "acme" }) };
    win.Relaydesk?.("opne");
    win.Relaydesk?.("on", "mesage", () => {});
    win.Relaydesk?.("on", "message", "not a function");
    win.Relaydesk?.("open");
    installRelaydesk(win, null, { start: r.start, console: r.console });
    expect(r.errors.map((args) => args[0])).toEqual([
      'Relaydesk: unknown command "opne" (commands: boot, open, close, toggle, identify, on, off, shutdown)',
      'Relaydesk: on: unknown event "mesage" (events: ready, open, close, message)',
      'Relaydesk: on("message", handler): handler must be a function',
    ]);
    expect(r.log).toEqual(["start acme", "open"]);
  });

  it("without a script tag it waits for a programmatic boot, and reports a missing relay", () => {
    const r = recorder();
    const win: RelaydeskWindow = {};
    const relaydesk = installRelaydesk(win, null, { start: r.start, console: r.console });
    expect(r.booted).toEqual([]);
    relaydesk("boot", { appId: "acme" });
    expect(r.errors[0]?.[0]).toBe('Relaydesk: boot needs a relayUrl such as "https://support.example.com"');
    relaydesk("boot", { appId: "acme", relayUrl: "https://support.acme.com/" });
    expect(r.booted).toEqual([{ appId: "acme", relayUrl: "https://support.acme.com" }]);
  });

  it("shutdown before boot forgets the visitor of the tag's app; after boot it removes the widget", () => {
    const r = recorder();
    const forgotten: string[] = [];
    const win: RelaydeskWindow = { Relaydesk: loaderStub([], { appId: "acme", autoBoot: "false" }) };
    win.Relaydesk?.("shutdown");
    installRelaydesk(win, null, {
      start: r.start,
      console: r.console,
      forget: (appId) => forgotten.push(appId),
    });
    expect(forgotten).toEqual(["acme"]);
    win.Relaydesk?.("boot");
    win.Relaydesk?.("shutdown");
    expect(r.log).toEqual(["start acme", "shutdown"]);
    expect(win.Relaydesk?.api?.booted).toBe(false);
    win.Relaydesk?.("boot");
    expect(r.booted).toHaveLength(2);
  });

  it("forwards widget events to handlers; a throwing handler does not stop the others", () => {
    const r = recorder();
    const win: RelaydeskWindow = { Relaydesk: loaderStub([], { appId: "acme" }) };
    const got: string[] = [];
    const onMessage = (message: Message) => got.push(message.body);
    win.Relaydesk?.("on", "message", () => {
      throw new Error("vendor bug");
    });
    win.Relaydesk?.("on", "message", onMessage);
    win.Relaydesk?.("on", "open", () => got.push("opened"));
    installRelaydesk(win, null, { start: r.start, console: r.console });
    const hooks = r.hooks();
    hooks?.onOpenChange(true);
    hooks?.onMessage({ body: "hi" } as Message);
    win.Relaydesk?.("off", "message", onMessage);
    hooks?.onMessage({ body: "after off" } as Message);
    expect(got).toEqual(["opened", "hi"]);
    expect(r.errors[0]?.[0]).toBe('Relaydesk: a "message" handler threw');
    // "ready" already fired: a late handler is called at once.
    win.Relaydesk?.("on", "ready", () => got.push("late ready"));
    expect(got.at(-1)).toBe("late ready");
  });

  const signature = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  it("an identify queued before widget.js boots the widget as that user", () => {
    const r = recorder();
    const win: RelaydeskWindow = {};
    win.Relaydesk = loaderStub([vendorArguments("identify", { userId: "user-42", signature })], {
      appId: "acme",
    });
    installRelaydesk(win, null, { start: r.start, console: r.console });
    expect(r.booted).toEqual([
      { appId: "acme", relayUrl: "https://relay.example.com", user: { userId: "user-42", signature } },
    ]);
    // After boot it goes to the running widget.
    win.Relaydesk?.("identify", { jwt: "a.b.c" });
    expect(r.log).toEqual(["start acme", "identify jwt"]);
    expect(r.errors).toEqual([]);
  });

  it("boot takes the user too", () => {
    const r = recorder();
    const win: RelaydeskWindow = { Relaydesk: loaderStub([], { appId: "acme", autoBoot: "false" }) };
    installRelaydesk(win, null, { start: r.start, console: r.console });
    win.Relaydesk?.("boot", { user: { userId: "user-42", signature } });
    expect(r.booted[0]?.user).toEqual({ userId: "user-42", signature });
  });
});
