// Untrusted values (agent and pool names, capability values, demands) may hold line breaks or other
// control characters; printed as they are, they could forge a line of output: a `##vso[` logging
// command in a task log, a heading or a list in Markdown. Every value is flattened to one line first.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function singleLine(value: string): string {
  return value.replace(CONTROL_CHARACTERS, ' ');
}
