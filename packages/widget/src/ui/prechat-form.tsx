import { checkPrechat, type PrechatForm as Form, type PrechatField } from "@relaydesk/sdk-types";
import { Component, createRef } from "preact";
import { focusIfFree } from "./focus-if-free.ts";

interface PrechatFormProps {
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
    const { form, onDone } = this.props;
    const check = checkPrechat(form, this.state.values);
    if (check.ok) {
      onDone(Object.fromEntries(check.entries.map((entry) => [entry.id, entry.value])));
      return;
    }
    this.setState({ problems: check.problems }, () => {
      this.root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });
  }

  override render({ form }: PrechatFormProps, { values, problems }: PrechatFormState) {
    return (
      <form
        ref={this.root}
        class="rd-form"
        aria-label="Before we start"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          this.submit();
        }}
      >
        <h3>Before we start</h3>
        {form.map((field) => this.field(field, values[field.id] ?? "", problems[field.id]))}
        <button type="submit" class="rd-submit">
          Start chat
        </button>
      </form>
    );
  }

  field(field: PrechatField, value: string, problem: string | undefined) {
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
          {field.label}
          {field.required ? " *" : " (optional)"}
        </label>
        {field.type === "text" ? (
          <textarea {...common} rows={3} />
        ) : field.type === "select" ? (
          <select {...common} onChange={common.onInput}>
            <option value="">Choose…</option>
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
