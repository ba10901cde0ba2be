import {
  checkPrechat,
  EXTRAS_LIMITS,
  type PrechatForm as Form,
  type PrechatField,
} from "@relaydesk/sdk-types";
import { Component, createRef } from "preact";
import type { WidgetStore } from "../types.ts";
import { focusIfFree } from "./focus-if-free.ts";

interface PrechatFormProps {
  store: WidgetStore;
  form: Form;
  /** Called with the checked answers (by field id) once every field is valid. */
  onDone(answers: Record<string, string>): void;
}

interface PrechatFormState {
  values: Record<string, string>;
  problems: Record<string, string>;
}

/**
 * The app's pre-chat form, in place of the composer before the first message of a new
 * conversation. Checked with the relay's own rules (`checkPrechat`) on submit: each problem shows
 * under its field, and the first invalid field takes the focus.
 */
export class PrechatForm extends Component<PrechatFormProps, PrechatFormState> {
  override state: PrechatFormState = { values: {}, problems: {} };
  root = createRef<HTMLFormElement>();

  override componentDidMount() {
    focusIfFree(this.root.current?.querySelector<HTMLElement>("input, textarea, select"));
  }

  submit() {
    const { store, form, onDone } = this.props;
    const { values } = this.state;
    const check = checkPrechat(form, values);
    if (check.ok) {
      onDone(Object.fromEntries(check.entries.map((entry) => [entry.id, entry.value])));
      return;
    }
    // The relay's rules decide which fields are wrong; the words are the shown language's.
    const problems: Record<string, string> = {};
    for (const field of form) {
      const problem = check.problems[field.id];
      if (problem) problems[field.id] = fieldProblem(store, field, values[field.id] ?? "") ?? problem;
    }
    this.setState({ problems }, () => {
      this.root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });
  }

  override render({ store, form }: PrechatFormProps, { values, problems }: PrechatFormState) {
    return (
      <form
        ref={this.root}
        class="rd-form"
        aria-label={store.t("prechatTitle")}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          this.submit();
        }}
      >
        <h3>{store.t("prechatTitle")}</h3>
        {form.map((field) => this.field(field, values[field.id] ?? "", problems[field.id]))}
        <button type="submit" class="rd-submit">
          {store.t("startChat")}
        </button>
      </form>
    );
  }

  field(field: PrechatField, value: string, problem: string | undefined) {
    const { store } = this.props;
    const id = `rd-f-${field.id}`;
    const common = {
      id,
      name: field.id,
      value,
      "aria-invalid": problem ? ("true" as const) : undefined,
      "aria-describedby": problem ? `${id}-error` : undefined,
      "aria-required": field.required ? ("true" as const) : undefined,
      onInput: (event: Event) => {
        const next = (event.currentTarget as HTMLInputElement).value;
        this.setState(({ values }) => ({ values: { ...values, [field.id]: next } }));
      },
    };
    return (
      <div class="rd-field" key={field.id}>
        <label for={id}>
          {field.required ? `${field.label} *` : store.t("optional", { label: field.label })}
        </label>
        {field.type === "text" ? (
          <textarea {...common} rows={3} />
        ) : field.type === "select" ? (
          <select {...common} onChange={common.onInput}>
            <option value="">{store.t("choose")}</option>
            {field.options?.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...common}
            type={field.type === "email" ? "email" : "text"}
            autocomplete={field.type === "email" ? "email" : "name"}
          />
        )}
        {problem && (
          <span id={`${id}-error`} class="rd-error">
            {problem}
          </span>
        )}
      </div>
    );
  }
}

/**
 * Why `checkPrechat` refused a field's answer, in the shown language: the same order of checks
 * (required, length, email shape, option). Null for a problem the form cannot cause.
 */
function fieldProblem(store: WidgetStore, field: PrechatField, raw: string): string | null {
  const value = raw.trim();
  const label = field.label;
  if (value === "") return field.required ? store.t("fieldRequired", { label }) : null;
  if (value.length > EXTRAS_LIMITS.maxAnswerChars)
    return store.t("fieldTooLong", { label, n: EXTRAS_LIMITS.maxAnswerChars });
  if (field.type === "email") return store.t("fieldEmail", { label });
  if (field.type === "select")
    return store.t("fieldChoice", { label, options: field.options?.join(", ") ?? "" });
  return null;
}
