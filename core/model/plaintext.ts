// Untrusted values (agent and pool names, capability values, demands, the service's messages) may hold
// line breaks or other control characters; printed as they are, they could forge a line of output: a
// heading or a list in Markdown, a line of its own in a log. Every value is flattened to one line first.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

// The agent reads a logging command wherever `##vso[` appears in a line of a task's output, not only at
// its start, and the log viewer formats lines starting with `##[` (`##[error]`, `##[group]`). A value
// holding either prefix gets a backslash before the bracket: still readable, and no longer the prefix.
// Ignorable characters (a zero-width space) would not do: the agent finds the prefix with a
// culture-sensitive `IndexOf`, which may skip them.
const LOGGING_COMMAND_PREFIX = /(##(?:vso)?)\[/gi;

/** One line of inert text: no line break, and nothing the agent could take for a logging command. */
export function singleLine(value: string): string {
  return value.replace(CONTROL_CHARACTERS, ' ').replace(LOGGING_COMMAND_PREFIX, '$1\\[');
}

/**
 * JSON whose text holds no logging command prefix either (the task's `report` output, `--json` printed in
 * a pipeline step). `#` appears in JSON only inside strings, so the bracket after `##` or `##vso` is inside
 * one too, and written as the escape `\u005b` every JSON reader turns back into `[`: the data is unchanged.
 */
export function inertJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(LOGGING_COMMAND_PREFIX, '$1\\u005b');
}
