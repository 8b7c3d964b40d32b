/**
 * What a person reads when an action refuses its input. The server names the field by its key
 * (`field`, e.g. "match.countries.0") beside a message that never contains the key; the form that
 * knows its labels puts the field's label in front, and a form that does not shows the message
 * alone. One rule everywhere: the field's label or nothing, never an internal key.
 */
export function actionErrorText(failure: { error: string; field?: string }, labels: Readonly<Record<string, string>> = {}): string {
  const label = failure.field ? labelFor(failure.field, labels) : undefined;
  if (label) return `${label}: ${failure.error}`;
  return capitalise(failure.error);
}

// The longest label key the path is, or starts with: "match.countries.0" reads as "match.countries".
function labelFor(path: string, labels: Readonly<Record<string, string>>): string | undefined {
  const key = Object.keys(labels)
    .filter((k) => path === k || path.startsWith(`${k}.`))
    .sort((a, b) => b.length - a.length)[0];
  return key === undefined ? undefined : labels[key];
}

// Field messages are written to follow a label ("must be at least 1"); alone they start a sentence.
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
