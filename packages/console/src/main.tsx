import { createClient } from "@relaydesk/client";
import { render } from "preact";
import { createInboxSort } from "./inbox-sort.ts";
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

const storage = browserStorage();
const store = createConsoleStore({ url: location.origin, createClient, storage });
const sort = createInboxSort({ storage });
render(<App store={store} sort={sort} />, document.getElementById("app")!);
store.start();
