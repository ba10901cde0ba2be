import type { Message } from "@relaydesk/sdk-types";
import { describe, expect, it } from "vitest";
import { EXTRA_COMMANDS } from "./extra-commands.ts";
import { installRelaydesk } from "./install-relaydesk.ts";
import { parseLoaderConfig } from "./loader-config.ts";
import type {
  ExtraCommand,
  RelaydeskGlobal,
  RelaydeskWindow,
  ResolvedBootOptions,
  StartWidget,
  WidgetHooks,
} from "./types.ts";
import type { WidgetError } from "./widget-error.ts";
import { unknownCommand } from "./widget-extras.ts";

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
      // Like the extras chunk: done a moment later; an unknown name is explained.
      run: async (command, args) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (!EXTRA_COMMANDS.includes(command as ExtraCommand)) throw unknownCommand(command);
        log.push(`${command} ${JSON.stringify(args)}`);
      },
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
  stub.config = parseLoaderConfig("https://relay.example.com/widget/loader.js", dataset);
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
    installRelaydesk(win, { start: r.start, console: r.console });
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
    installRelaydesk(win, { start: r.start, console: r.console });
    // The queued boot wins over the script tag's app id; the tag still gives the relay.
    expect(r.booted).toEqual([{ appId: "from-queue", relayUrl: "https://relay.example.com" }]);
    expect(r.log).toEqual(["start from-queue", "toggle"]);
  });

  it("does not auto-boot when the tag says so, and boots on the vendor's call", () => {
    const r = recorder();
    const win: RelaydeskWindow = { Relaydesk: loaderStub([], { appId: "acme", autoBoot: "false" }) };
    installRelaydesk(win, { start: r.start, console: r.console });
    expect(r.booted).toEqual([]);
    win.Relaydesk?.("boot");
    expect(r.booted).toHaveLength(1);
  });

  it("a second widget.js or a second boot never makes a second widget", () => {
    const r = recorder();
    const win: RelaydeskWindow = { Relaydesk: loaderStub([], { appId: "acme" }) };
    const first = installRelaydesk(win, { start: r.start, console: r.console });
    const second = installRelaydesk(win, { start: r.start, console: r.console });
    expect(second).toBe(first);
    win.Relaydesk?.("boot", { appId: "acme" });
    expect(r.booted).toHaveLength(1);
    expect(String(r.warnings[0]?.[0])).toContain('already booted for app "acme"');
  });

  it("logs readable errors for bad queued calls, emits them as error, and carries on", async () => {
    const r = recorder();
    const win: RelaydeskWindow = { Relaydesk: loaderStub([], { appId: "acme" }) };
    const reported: string[] = [];
    win.Relaydesk?.("on", "error", (error: WidgetError) => reported.push(error.code));
    win.Relaydesk?.("opne");
    win.Relaydesk?.("on", "mesage", () => {});
    win.Relaydesk?.("on", "message", "not a function");
    win.Relaydesk?.("open");
    installRelaydesk(win, { start: r.start, console: r.console });
    // The hint for a mistyped command comes from the extras chunk, a moment later; the next
    // command waits for it.
    expect(r.log).toEqual(["start acme"]);
    await expect.poll(() => r.log).toEqual(["start acme", "open"]);
    expect(r.errors.length).toBe(3);
    expect(r.errors.map((args) => args[0])).toEqual([
      'Relaydesk: on: unknown event "mesage" (events: ready, open, close, message, unread-count, conversation-started, conversation-closed, error)',
      'Relaydesk: on("message", handler): handler must be a function',
      `Relaydesk: unknown command "opne"; did you mean "open"? (commands: boot, open, close, toggle, identify, on, once, off, shutdown, update, showLauncher, hideLauncher, showNewMessage, sendMessage, setLocale, setColorScheme)`,
    ]);
    expect(reported).toEqual(["invalid-argument", "invalid-argument", "unknown-command"]);
  });

  it("suggests the command meant for typos of case, swapped and missing letters", async () => {
    const r = recorder();
    const win: RelaydeskWindow = {};
    const relaydesk = installRelaydesk(win, { start: r.start, console: r.console });
    relaydesk("boot", { appId: "acme", relayUrl: "https://relay.example.com" });
    relaydesk("showlauncher");
    relaydesk("sendMesage", "hi");
    relaydesk("setColourScheme", "dark");
    relaydesk("launch");
    relaydesk(42);
    await expect.poll(() => r.errors.length).toBe(5);
    const hints = r.errors.map((args) => String(args[0]).replace(/ \(commands: .*\)$/, ""));
    expect(hints).toEqual([
      'Relaydesk: unknown command "showlauncher"; did you mean "showLauncher"?',
      'Relaydesk: unknown command "sendMesage"; did you mean "sendMessage"?',
      'Relaydesk: unknown command "setColourScheme"; did you mean "setColorScheme"?',
      'Relaydesk: unknown command "launch"',
      'Relaydesk: unknown command "42"',
    ]);
  });

  it("commands made before boot run after it in order, extras ones included; later calls wait for them", async () => {
    const r = recorder();
    const win: RelaydeskWindow = { Relaydesk: loaderStub([], { appId: "acme", autoBoot: "false" }) };
    installRelaydesk(win, { start: r.start, console: r.console });
    win.Relaydesk?.("showNewMessage", "Hello");
    win.Relaydesk?.("close");
    win.Relaydesk?.("setLocale", "fr");
    win.Relaydesk?.("boot");
    win.Relaydesk?.("open");
    expect(r.log).toEqual(["start acme"]);
    await expect.poll(() => r.log.length).toBe(5);
    expect(r.log).toEqual(["start acme", 'showNewMessage ["Hello"]', "close", 'setLocale ["fr"]', "open"]);
    // Nothing running: a command takes effect at once again.
    win.Relaydesk?.("toggle");
    expect(r.log.at(-1)).toBe("toggle");
  });

  it("once calls its handler one time; off and once check their arguments", () => {
    const r = recorder();
    const win: RelaydeskWindow = { Relaydesk: loaderStub([], { appId: "acme" }) };
    const got: number[] = [];
    win.Relaydesk?.("once", "unread-count", (count: number) => got.push(count));
    win.Relaydesk?.("once", "unread", () => {});
    win.Relaydesk?.("off", "message", null);
    installRelaydesk(win, { start: r.start, console: r.console });
    r.hooks()?.emit("unread-count", 2);
    r.hooks()?.emit("unread-count", 3);
    expect(got).toEqual([2]);
    expect(r.errors.map((args) => args[0])).toEqual([
      expect.stringContaining('Relaydesk: once: unknown event "unread"'),
      'Relaydesk: off("message", handler): handler must be a function',
    ]);
  });

  it("a widget that throws while starting is reported as error and leaves the API usable", () => {
    const r = recorder();
    const reported: WidgetError[] = [];
    const win: RelaydeskWindow = { Relaydesk: loaderStub([], { appId: "acme", autoBoot: "false" }) };
    let broken = true;
    installRelaydesk(win, {
      start: (options, hooks) => {
        if (broken) throw new TypeError("attachShadow is not a function");
        return r.start(options, hooks);
      },
      console: r.console,
    });
    win.Relaydesk?.("on", "error", (error: WidgetError) => reported.push(error));
    win.Relaydesk?.("boot");
    expect(win.Relaydesk?.api?.booted).toBe(false);
    expect(reported.map((error) => [error.code, error.message])).toEqual([
      ["widget-failed", "Relaydesk: the widget failed: TypeError: attachShadow is not a function"],
    ]);
    expect(reported[0]?.cause).toBeInstanceOf(TypeError);
    expect(r.errors[0]?.[0]).toBe("Relaydesk: the widget failed: TypeError: attachShadow is not a function");
    broken = false;
    win.Relaydesk?.("boot");
    expect(win.Relaydesk?.api?.booted).toBe(true);
  });

  it("without a script tag it waits for a programmatic boot, and reports a missing relay", () => {
    const r = recorder();
    const win: RelaydeskWindow = {};
    const relaydesk = installRelaydesk(win, { start: r.start, console: r.console });
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
    installRelaydesk(win, {
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
    installRelaydesk(win, { start: r.start, console: r.console });
    const hooks = r.hooks();
    hooks?.emit("open", undefined);
    hooks?.emit("message", { body: "hi" } as Message);
    win.Relaydesk?.("off", "message", onMessage);
    hooks?.emit("message", { body: "after off" } as Message);
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
    installRelaydesk(win, { start: r.start, console: r.console });
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
    installRelaydesk(win, { start: r.start, console: r.console });
    win.Relaydesk?.("boot", { user: { userId: "user-42", signature } });
    expect(r.booted[0]?.user).toEqual({ userId: "user-42", signature });
  });
});
