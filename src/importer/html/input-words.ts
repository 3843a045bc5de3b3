/**
 * The words a browser shows for an `<input>`: the text in a box, a button's label. The article's
 * HTML may hold a form (a newsletter's "Subscribe now" button, a search box's example text), and
 * those words are on the page a reader saw.
 */
import type { Element } from 'hast';
import { collapseHtmlWhitespace } from './html-whitespace.ts';

/** Boxes that show their value as typed text (HTML's value sanitisation removes line breaks from it). */
const TEXT_BOXES = new Set(['text', 'search', 'email', 'url', 'tel']);
/** Buttons whose value is their label. */
const BUTTONS = new Set(['submit', 'reset', 'button']);
/**
 * The label a browser draws on a submit or reset button written without a value (each browser
 * says it in its own language; the archive's pages are read in the English its editors write).
 */
const DEFAULT_LABELS: Record<string, string> = { submit: 'Submit', reset: 'Reset' };
/** The types HTML knows: any other (or none) is a text box. */
const KNOWN_TYPES = new Set([
  ...TEXT_BOXES, ...BUTTONS, 'number', 'image', 'hidden', 'password', 'checkbox', 'radio', 'file', 'range', 'color',
  'date', 'month', 'week', 'time', 'datetime-local',
]);
/** HTML's valid floating-point number: a number box shows nothing for any other value. */
const FLOATING_POINT = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const attribute = (input: Element, name: string): string | undefined => {
  const value = input.properties[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The input as text in its place: the words shown, white space collapsed, apart from the words
 * beside it, as the box or the button draws them; a space for a control drawn without any of the
 * page's words (a checkbox, a date picker's own formatting, a password, whose value must never be
 * written out); nothing for a hidden field, which is not drawn.
 */
export function inputAsText(input: Element): string {
  const written = attribute(input, 'type')?.trim().toLowerCase() ?? 'text';
  const type = KNOWN_TYPES.has(written) ? written : 'text';
  if (type === 'hidden') return '';
  const value = attribute(input, 'value');
  let shown = '';
  if (TEXT_BOXES.has(type)) shown = (value ?? '').replace(/[\r\n]/g, '');
  else if (type === 'number') shown = FLOATING_POINT.test(value ?? '') ? value! : '';
  else if (BUTTONS.has(type)) shown = value ?? DEFAULT_LABELS[type] ?? '';
  else if (type === 'image') shown = attribute(input, 'alt')?.trim() || (value ?? '');
  const words = collapseHtmlWhitespace(shown).replace(/^ | $/g, '');
  return words === '' ? ' ' : ` ${words} `;
}
