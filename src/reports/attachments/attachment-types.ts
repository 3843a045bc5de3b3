/**
 * What a report may attach, and what it may not. An attachment is published under the report's
 * URL, on the site's own origin: a file a browser would run there (HTML, SVG, XML, scripts) could
 * read and change every page of the archive for whoever opens it, so those are refused by name.
 * Any other type must be in the table, so that it is served with a known media type and listed
 * with a name readers know ("PDF, 1.2 MB").
 */

export interface AttachmentType {
  /** What the list on the report calls it: "PDF". */
  label: string;
  mediaType: string;
}

/** By lowercase extension. */
export const ATTACHMENT_TYPES: Readonly<Record<string, AttachmentType>> = {
  pdf: { label: 'PDF', mediaType: 'application/pdf' },
  doc: { label: 'Word document', mediaType: 'application/msword' },
  docx: { label: 'Word document', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  odt: { label: 'OpenDocument text', mediaType: 'application/vnd.oasis.opendocument.text' },
  rtf: { label: 'Rich Text', mediaType: 'application/rtf' },
  txt: { label: 'Plain text', mediaType: 'text/plain' },
  xls: { label: 'Excel spreadsheet', mediaType: 'application/vnd.ms-excel' },
  xlsx: { label: 'Excel spreadsheet', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  ods: { label: 'OpenDocument spreadsheet', mediaType: 'application/vnd.oasis.opendocument.spreadsheet' },
  csv: { label: 'CSV', mediaType: 'text/csv' },
  ppt: { label: 'PowerPoint', mediaType: 'application/vnd.ms-powerpoint' },
  pptx: { label: 'PowerPoint', mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  odp: { label: 'OpenDocument presentation', mediaType: 'application/vnd.oasis.opendocument.presentation' },
  epub: { label: 'EPUB', mediaType: 'application/epub+zip' },
  zip: { label: 'ZIP archive', mediaType: 'application/zip' },
  jpg: { label: 'JPEG image', mediaType: 'image/jpeg' },
  jpeg: { label: 'JPEG image', mediaType: 'image/jpeg' },
  png: { label: 'PNG image', mediaType: 'image/png' },
  gif: { label: 'GIF image', mediaType: 'image/gif' },
  webp: { label: 'WebP image', mediaType: 'image/webp' },
  tif: { label: 'TIFF image', mediaType: 'image/tiff' },
  tiff: { label: 'TIFF image', mediaType: 'image/tiff' },
  mp3: { label: 'MP3 audio', mediaType: 'audio/mpeg' },
  m4a: { label: 'M4A audio', mediaType: 'audio/mp4' },
  wav: { label: 'WAV audio', mediaType: 'audio/wav' },
  mp4: { label: 'MP4 video', mediaType: 'video/mp4' },
  webm: { label: 'WebM video', mediaType: 'video/webm' },
};

/**
 * Types a browser runs or renders as a document of the site's origin (with its scripts), or that
 * a visitor's system executes: refused whatever the publisher intends.
 */
const ACTIVE = new Set([
  'html', 'htm', 'xhtml', 'xht', 'shtml', 'mht', 'mhtml', 'svg', 'svgz', 'xml', 'xsl', 'xslt', 'js', 'mjs', 'cjs', 'wasm',
  'swf', 'php', 'jsp', 'asp', 'aspx', 'cgi', 'pl', 'py', 'sh', 'bat', 'cmd', 'ps1', 'exe', 'msi', 'dll', 'com', 'scr', 'jar',
  'apk', 'app', 'dmg', 'vbs', 'hta', 'lnk', 'appcache', 'manifest', 'webmanifest',
]);

export type AttachmentTypeResult = { ok: true; extension: string; type: AttachmentType } | { ok: false; problem: string };

/** The type of a file name, by its last extension, or why it cannot be attached. */
export function attachmentType(name: string): AttachmentTypeResult {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!extension) {
    return { ok: false, problem: `"${name}" has no extension, so its type is unknown: give the file one that says its type (.pdf, .docx, .csv, ...)` };
  }
  if (ACTIVE.has(extension)) {
    return {
      ok: false,
      problem:
        `"${name}" is a .${extension} file, which a browser would run as part of this site (it could read and change every page for whoever opens it), ` +
        `so it is never published: attach a PDF of it instead, or a .zip holding it`,
    };
  }
  const type = ATTACHMENT_TYPES[extension];
  if (!type) {
    return {
      ok: false,
      problem: `"${name}": .${extension} is not a type the archive publishes. Known types: ${Object.keys(ATTACHMENT_TYPES).map((e) => `.${e}`).join(', ')} (add one to src/reports/attachments/attachment-types.ts, or put the file in a .zip)`,
    };
  }
  return { ok: true, extension, type };
}
