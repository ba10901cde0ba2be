// The bundle compiles JSX to Preact's `h` (build.mjs injects this module) rather than to the
// automatic runtime's `jsx`, which would add preact/jsx-runtime (about 0.1 kB gzip) for the same
// virtual nodes. Type checking and tests keep the automatic runtime: the JSX types are the same.
export { Fragment, h } from "preact";
