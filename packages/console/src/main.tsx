import { createClient } from "@relaydesk/client";
import { render } from "preact";
import { createConsoleStore, type TokenStorage } from "./store.ts";
import { App } from "./ui/app.tsx";

/** Reading `localStorage` throws where the browser blocks storage; the console then just forgets. */
function browserStorage(): TokenStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const store = createConsoleStore({ url: location.origin, createClient, storage: browserStorage() });
render(<App store={store} />, document.getElementById("app")!);
store.start();
