/**
 * The words a browser shows for an `<input>`: the text in a box, a button's label. They are in
 * its attributes, not its content, so the words of a text (hast-util-to-text, a word count) do
 * not see them, yet a reader saw them (a newsletter's "Subscribe now" button in an article). The
 * sanitiser keeps no `<input>` but a task list's checkbox (any other would become one, its label
 * gone), and Markdown has no form controls: the report renderer and the importer both write these
 * words as text instead.
 */
import type { Properties } from 'hast';

/** Boxes that show their value as typed text (HTML's value sanitisation removes line breaks from it). */
const TEXT_BOXES = ['text', 'search', 'email', 'url', 'tel'];
/** Boxes that show their placeholder while they hold no value: the text boxes, a number's, a password's. */
const BOXES = new Set([...TEXT_BOXES, 'number', 'password']);
/** Buttons whose value is their label. */
const BUTTONS = new Set(['submit', 'reset', 'button']);
/**
 * The label a browser draws on a submit or reset button written without a value (each browser
 * says it in its own language; the archive's pages are read in the English its editors write).
 */
const DEFAULT_LABELS: Readonly<Record<string, string>> = { submit: 'Submit', reset: 'Reset' };
/** The types HTML knows: any other (or none) is a text box. */
const KNOWN_TYPES = new Set([
  ...TEXT_BOXES, ...BUTTONS, 'number', 'image', 'hidden', 'password', 'checkbox', 'radio', 'file', 'range', 'color',
  'date', 'month', 'week', 'time', 'datetime-local',
]);
/** HTML's valid floating-point number: a number box shows nothing for any other value. */
const FLOATING_POINT = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const attributeText = (value: Properties[string]): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : Array.isArray(value) ? value.join(' ') : undefined;

/** The input's type as HTML reads it: lowercased, `text` when missing or unknown. */
export function inputType(properties: Properties): string {
  const written = attributeText(properties.type)?.trim().toLowerCase() ?? 'text';
  return KNOWN_TYPES.has(written) ? written : 'text';
}

const withoutLineBreaks = (text: string) => text.replace(/[\r\n]/g, '');
const trimAsciiWhitespace = (text: string) => text.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');

/**
 * What a box holds after HTML's value sanitisation: no line breaks; in an e-mail or URL box no
 * white space before or after either (each address's, in an e-mail box taking `multiple`), so
 * that one of only spaces holds nothing and shows its placeholder; in a number box only a number.
 */
function boxValue(type: string, value: string | undefined, multiple: boolean): string {
  if (type === 'number') return FLOATING_POINT.test(value ?? '') ? value! : '';
  const held = withoutLineBreaks(value ?? '');
  if (type === 'email' && multiple) return held.split(',').map(trimAsciiWhitespace).join(',');
  return type === 'email' || type === 'url' ? trimAsciiWhitespace(held) : held;
}

/**
 * The words the input shows, as written (white space not collapsed): a box's value, or its
 * placeholder while it holds none (a newsletter box's "Your e-mail address"), a button's label
 * (or its default), an image button's alt text; nothing for a hidden field, a checkbox or a
 * radio button, a picker drawn in the browser's own format (a date, a colour, a file), and a
 * password, whose value must never be written out.
 */
export function inputShownText(properties: Properties): string {
  const type = inputType(properties);
  const value = attributeText(properties.value);
  if (BOXES.has(type)) {
    // A boolean attribute: present (hast's `true`), whatever its value.
    const held = boxValue(type, value, properties.multiple != null && properties.multiple !== false);
    if (held === '') return withoutLineBreaks(attributeText(properties.placeholder) ?? '');
    return type === 'password' ? '' : held;
  }
  if (BUTTONS.has(type)) return value ?? DEFAULT_LABELS[type] ?? '';
  if (type === 'image') return attributeText(properties.alt)?.trim() || (value ?? '');
  return '';
}
