/**
 * The bytes of a release -> its text, never lossily: no U+FFFD is ever made up, and text that is
 * not what it seems is named, not imported silently.
 *
 * - UTF-8 (the default) is decoded strictly: a file that is not valid UTF-8 (Windows-1252 or
 *   Latin-1 bytes such as `G\xF6ttingen`) is refused, and the message names `--encoding`.
 * - `--encoding windows-1252` decodes Windows-1252 (which includes Latin-1's printable characters).
 *   A file that is valid UTF-8 with non-ASCII characters is refused there (decoding it as
 *   Windows-1252 would make the mojibake below), and so are the five bytes Windows-1252 leaves
 *   undefined (0x81 0x8D 0x8F 0x90 0x9D): such a file is not Windows-1252.
 * - Double-encoded text (UTF-8 bytes once read as Windows-1252 and saved again as UTF-8:
 *   `CASICâ€™s`, `CafÃ©`) is recognised by a test with no false positives on real text: the whole
 *   text, encoded as Windows-1252, is valid UTF-8, and that UTF-8 differs from it. A name such as
 *   `SÃO` does not pass (the bytes `C3 4F` are not UTF-8); text that is partly double-encoded is
 *   not recognised (it cannot be reversed as a whole). Such text gets a warning; with
 *   `--fix-double-encoding` it is reversed exactly that way, and text that cannot be reversed
 *   exactly is refused.
 *
 * Node has no Windows-1252 encoder; the one here is the exact inverse of the platform's WHATWG
 * decoder (all 256 bytes map to distinct characters), built from it rather than from a copied table.
 */
import type { Encoding } from './import-options.ts';

export interface DecodeOptions {
  encoding: Encoding;
  fixDoubleEncoding: boolean;
}

export type Decoded = { ok: true; text: string; warnings: string[] } | { ok: false; message: string };

const strictUtf8 = () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const windows1252 = new TextDecoder('windows-1252');

const WINDOWS_1252_BYTE = new Map<string, number>();
for (let byte = 0; byte < 256; byte++) WINDOWS_1252_BYTE.set(windows1252.decode(Uint8Array.of(byte)), byte);
/** Bytes Windows-1252 defines no character for (WHATWG maps them to C1 controls). */
const UNDEFINED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Text -> its Windows-1252 bytes, or undefined if a character has none. */
export function encodeWindows1252(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  let i = 0;
  for (const char of text) {
    const byte = WINDOWS_1252_BYTE.get(char);
    if (byte === undefined) return undefined;
    bytes[i++] = byte;
  }
  return bytes.subarray(0, i);
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8().decode(bytes);
  } catch {
    return undefined;
  }
}

/** The text before it was double-encoded, or undefined if it was not (or cannot be reversed). */
export function undoDoubleEncoding(text: string): string | undefined {
  const bytes = encodeWindows1252(text);
  const original = bytes && decodeUtf8(bytes);
  return original !== undefined && original !== text ? original : undefined;
}

/** Where strict UTF-8 decoding fails: line (1-based) and the byte's offset. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; offset: number } {
  const decoder = strictUtf8();
  let offset = 0;
  try {
    for (; offset < bytes.length; offset++) decoder.decode(bytes.subarray(offset, offset + 1), { stream: true });
    // Every byte was accepted: the file ends inside a sequence, which began at its last lead byte.
    offset = Math.max(0, bytes.findLastIndex((byte) => byte >= 0xc0));
  } catch {
    // offset is the byte that made the sequence invalid
  }
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return { line, offset };
}

/** The first whitespace-separated word that reversing changes, as a readable example. */
function exampleOf(text: string, reversed: string): string {
  const word = text.split(/\s+/).find((w) => undoDoubleEncoding(w) !== undefined);
  return word ? `"${word}" is "${undoDoubleEncoding(word)}"` : `the text becomes ${JSON.stringify(reversed.slice(0, 40))}`;
}

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

export function decodeRelease(bytes: Uint8Array, options: DecodeOptions): Decoded {
  let text: string;
  const utf8 = decodeUtf8(bytes);
  if (options.encoding === 'utf-8') {
    if (utf8 === undefined) {
      const { line, offset } = firstInvalidUtf8(bytes);
      return {
        ok: false,
        message:
          `is not valid UTF-8 (line ${line}, byte ${hex(bytes[offset]!)}): nothing was imported. If the file is ` +
          'Windows-1252 or Latin-1 text, import it with --encoding windows-1252',
      };
    }
    text = utf8;
  } else {
    if (utf8 !== undefined && bytes.some((byte) => byte >= 0x80)) {
      return { ok: false, message: 'is valid UTF-8, not Windows-1252: import it without --encoding windows-1252' };
    }
    const undefinedByte = bytes.findIndex((byte) => UNDEFINED_IN_WINDOWS_1252.has(byte));
    if (undefinedByte >= 0) {
      return {
        ok: false,
        message: `holds byte ${hex(bytes[undefinedByte]!)} (offset ${undefinedByte}), which is no character in Windows-1252: the file is in another encoding`,
      };
    }
    text = windows1252.decode(bytes);
  }

  const reversed = undoDoubleEncoding(text);
  if (options.fixDoubleEncoding) {
    if (reversed !== undefined) return { ok: true, text: reversed, warnings: [] };
    // Reversing changes every non-ASCII character, so only ASCII text reverses to itself.
    if (/[^\x00-\x7F]/.test(text)) {
      return {
        ok: false,
        message:
          'cannot be reversed exactly with --fix-double-encoding: it is not double-encoded as a whole (it has characters ' +
          'Windows-1252 lacks, or as Windows-1252 bytes it is not valid UTF-8). Nothing was imported; import it without ' +
          '--fix-double-encoding',
      };
    }
    return { ok: true, text, warnings: [] };
  }
  const warnings =
    reversed === undefined
      ? []
      : [
          `looks double-encoded (UTF-8 read as Windows-1252 and saved again: ${exampleOf(text, reversed)}); it was imported as ` +
            'it is. To repair it, delete the entry and import the file again with --fix-double-encoding',
        ];
  return { ok: true, text, warnings };
}
