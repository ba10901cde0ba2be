import { useRef } from "preact/hooks";
import type { ConsoleStore } from "../store.ts";

export function SignIn({ store }: { store: ConsoleStore }) {
  const input = useRef<HTMLInputElement>(null);
  const error = store.error.value;
  const submit = (event: Event) => {
    event.preventDefault();
    store.signIn(input.current?.value ?? "");
  };
  return (
    <main class="sign-in">
      <form class="sign-in-form" onSubmit={submit}>
        <h1>Relaydesk console</h1>
        <label for="agent-token">Agent token</label>
        <input
          id="agent-token"
          ref={input}
          type="password"
          aria-label="Agent token"
          autoComplete="off"
          spellcheck={false}
          required
        />
        <p class="hint">
          An admin creates one with <code>relaydesk agents add &lt;name&gt;</code>.
        </p>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit" class="button-primary">
          Sign in
        </button>
      </form>
    </main>
  );
}
