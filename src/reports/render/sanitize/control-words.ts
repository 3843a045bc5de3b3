/**
 * The words an `<input>` shows a reader. They are in its attributes, not its content, so the
 * words of a text (hast-util-to-text, a word count) do not see them: a button's label, the text
 * typed in a box. The sanitiser keeps no `<input>` but a task list's checkbox (any other becomes
 * one, its label gone), and Markdown has no form controls: both write these words as text instead.
 */
import type { Properties } from 'hast';

/** The types HTML knows; any other value, or none, is a text box. */
const TYPES = new Set([
  'hidden', 'text', 'search', 'tel', 'url', 'email', 'password', 'date', 'month', 'week', 'time', 'datetime-local',
  'number', 'range', 'color', 'checkbox', 'radio', 'file', 'submit', 'image', 'reset', 'button',
]);

/** Types that show their value as written: a box's typed text, a button's label. */
const VALUE_SHOWN = new Set(['text', 'search', 'tel', 'url', 'email', 'date', 'month', 'week', 'time', 'datetime-local', 'number', 'button', 'submit', 'reset']);

/** The label a browser gives a submit or reset button without a value. */
const DEFAULT_LABEL: Readonly<Record<string, string>> = { submit: 'Submit', reset: 'Reset' };

const attributeText = (value: Properties[string]): string | undefined =>
  value === undefined || value === null || typeof value === 'boolean' ? undefined : Array.isArray(value) ? value.join(' ') : String(value);

/** The input's type as HTML reads it: lowercased, `text` when missing or unknown. */
export function inputType(properties: Properties): string {
  const type = attributeText(properties.type)?.trim().toLowerCase() ?? '';
  return TYPES.has(type) ? type : 'text';
}

/**
 * What the input shows as words: its value (or a button's default label), an image button's
 * alt text; nothing for a password (its value is never shown), a choice or a picker.
 */
export function inputShownText(properties: Properties): string {
  const type = inputType(properties);
  if (type === 'image') return attributeText(properties.alt) ?? attributeText(properties.value) ?? '';
  if (!VALUE_SHOWN.has(type)) return '';
  return attributeText(properties.value) ?? DEFAULT_LABEL[type] ?? '';
}
