// The attention chunk (start-widget.ts loads it once widget.js has run): title flash, sound and
// notifications while the visitor looks at none of the site's tabs, in one tab of the browser.
import type { Message } from "@relaydesk/sdk-types";
import { type AttentionEnv, createAttention, type TabsView } from "./attention-controller.ts";
import { attentionSwitch } from "./attention-options.ts";
import { adoptAttentionStrings } from "./attention-strings.ts";
import type { SharedClient } from "./shared-client.ts";
import { createTabPresence } from "./tab-presence.ts";
import type { ResolvedBootOptions, WidgetStore } from "./types.ts";

/** What start-widget.ts holds of the chunk. */
export interface WatchingAttention {
  /** A message the store reported (live, once per id, either direction). */
  notice(message: Message): void;
  stop(): void;
}

/** The beep: a sine tone this long (s), at this pitch (Hz) and volume, fading out. */
const BEEP = { seconds: 0.18, hz: 880, gain: 0.08 };
/** The notification's text is cut here; the panel has the rest. */
const NOTIFICATION_CHARS = 160;

/**
 * Call for attention in this tab when the one-tab rule (attention-controller.ts) picks it. With `notifications`,
 * permission is asked when the visitor sends a message from the widget (a click on Send, or Enter in
 * the message field): a user action, never on load.
 */
export function watchAttention(
  store: WidgetStore,
  options: ResolvedBootOptions,
  shared: SharedClient,
): WatchingAttention {
  const doc = document;
  adoptAttentionStrings();
  const sound = attentionSwitch("sound", options.sound, console);
  const notifications =
    attentionSwitch("notifications", options.notifications, console) && typeof Notification === "function";
  // Without Web Locks a tab knows only itself.
  const presence = navigator.locks
    ? createTabPresence({
        locks: navigator.locks,
        appId: options.appId,
        doc,
        isLeader: () => shared.isLeader,
      })
    : null;
  let audio: AudioContext | null = null;
  const env: AttentionEnv = {
    tabs: () => presence?.view() ?? Promise.resolve(alone(doc.visibilityState !== "visible")),
    doc,
    beep() {
      audio ??= createAudio();
      if (audio) beep(audio);
    },
    notify(message) {
      if (Notification.permission !== "granted") return;
      try {
        const shown = new Notification(message.author.name ?? store.t("support"), {
          body: message.body.slice(0, NOTIFICATION_CHARS) || store.t("sentFile"),
          // One per conversation: a newer message replaces the older one in the list.
          tag: `relaydesk:${options.appId}:${message.conversationId}`,
        });
        shown.onclick = () => {
          window.focus();
          store.open();
          shown.close();
        };
      } catch {
        // Some mobile browsers allow notifications from a service worker only.
      }
    },
    now: () => Date.now(),
    setInterval: (run, ms) => setInterval(run, ms),
    clearInterval: (timer) => clearInterval(timer as ReturnType<typeof setInterval>),
  };
  const attention = createAttention(env, {
    sound,
    notifications,
    text: (count) => store.t("newMessages", count),
  });

  const onVisibility = () => {
    if (doc.visibilityState === "visible") attention.seen();
  };
  doc.addEventListener("visibilitychange", onVisibility);
  // `subscribe`, not signals-core's `effect`: importing that would make widget.js export it (bytes).
  const stopWatchingPanel = store.isOpen.subscribe((open) => {
    if (open) attention.seen();
  });

  let asked = false;
  const onAction = (event: Event) => {
    if (!event.isTrusted || !isSend(event)) return;
    // Made during a user action, the audio context may play later, while the page is hidden.
    if (sound) audio ??= createAudio();
    if (!notifications || asked || Notification.permission !== "default") return;
    asked = true;
    void Notification.requestPermission().catch(() => {});
  };
  // The host element of mount-widget.tsx (HOST_TAG), named here: importing it would cost widget.js bytes.
  const root = doc.querySelector("relaydesk-widget")?.shadowRoot;
  // Capture: the composer clears the field when it handles the key.
  root?.addEventListener("click", onAction, true);
  root?.addEventListener("keydown", onAction, true);

  return {
    notice: (message) => void attention.notice(message),
    stop() {
      attention.stop();
      presence?.stop();
      stopWatchingPanel();
      doc.removeEventListener("visibilitychange", onVisibility);
      root?.removeEventListener("click", onAction, true);
      root?.removeEventListener("keydown", onAction, true);
      void audio?.close().catch(() => {});
    },
  };
}

/** A tab that cannot see the others: it calls for attention whenever it is hidden. */
function alone(hidden: boolean): TabsView {
  return { hidden, anyVisible: !hidden, lastSeen: true, anyLastSeen: true, leader: true };
}

/** A send from the composer: a click on Send, or Enter (not Shift+Enter) in a non-blank message field. */
function isSend(event: Event): boolean {
  const target = event.composedPath()[0];
  if (!(target instanceof Element)) return false;
  if (event.type === "click") return target.closest(".rd-send") !== null;
  const key = event as KeyboardEvent;
  return (
    key.key === "Enter" &&
    !key.shiftKey &&
    !key.isComposing &&
    target instanceof HTMLTextAreaElement &&
    target.value.trim() !== ""
  );
}

function createAudio(): AudioContext | null {
  try {
    return new AudioContext();
  } catch {
    // No audio here (too many contexts, no device): the title still flashes.
    return null;
  }
}

// An oscillator, not an audio file: nothing to fetch, and no blob: or data: URL for a strict CSP to refuse.
function beep(audio: AudioContext): void {
  if (audio.state === "suspended") void audio.resume().catch(() => {});
  const start = audio.currentTime;
  const tone = audio.createOscillator();
  const volume = audio.createGain();
  tone.frequency.value = BEEP.hz;
  volume.gain.setValueAtTime(BEEP.gain, start);
  volume.gain.exponentialRampToValueAtTime(0.0001, start + BEEP.seconds);
  tone.connect(volume).connect(audio.destination);
  tone.start(start);
  tone.stop(start + BEEP.seconds);
}
