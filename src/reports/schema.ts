/**
 * The shape of one report's front matter. Shared by the content collection (build) and the
 * importer (before it writes), so an imported entry is valid by construction.
 * Messages say what to write, because publishers read them in a failed build.
 */
import { z } from 'zod';
import { parseIsoDate, toIsoDate } from './calendar-date.ts';
import { findForbiddenCharacter, normaliseName, quoted } from './text-rules.ts';
import { checkAttachmentFile, duplicateAttachmentName, MAX_ATTACHMENTS } from './attachments/attachment-rules.ts';
import { leadImageField, leadImageNameClash, leadImageSrcText } from './lead-image/lead-image-rules.ts';

const BCP47 = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/;

/**
 * Length limits. Generous for any real report, but bounded, because every name becomes a page, a
 * link on the report and an entry in the JSON-LD, and an unbounded list (140,000 people in one
 * report) exhausted the build's stack and memory.
 */
export const LIMITS = {
  /** A headline or deck: the longest in the archive's sources is under 200 characters. */
  title: 500,
  summary: 2_000,
  rights: 1_000,
  /** One topic, organization, person, author or publisher name: a name, not a sentence. */
  name: 120,
  /** Entries in one list (topics, organizations, people, authors). */
  names: 200,
  /** One correction or update note: a paragraph, like a summary. */
  note: 2_000,
  /** Corrections and updates of one report: each is shown on its page and in its JSON-LD. */
  updates: 100,
} as const;

/** Where the text is, for messages: `"topics"` for an entry of topics. */
function controlCharacterCheck(field: string) {
  return (value: string, ctx: z.RefinementCtx) => {
    const found = findForbiddenCharacter(value);
    if (found) {
      ctx.addIssue({
        code: 'custom',
        message: `"${field}" contains ${found.codePoint} (at character ${found.index + 1}), a control character or non-character that feeds cannot carry: delete it`,
      });
    }
  };
}

const text = (field: string, example: string, max: number, normalise: (value: string) => string = (v) => v.trim()) =>
  z
    .string({ error: `"${field}" must be text, for example ${field}: ${example}` })
    .superRefine(controlCharacterCheck(field))
    .transform(normalise)
    .pipe(
      z
        .string()
        .min(1, { error: `"${field}" is blank: write it, for example ${field}: ${example}` })
        .max(max, { error: `"${field}" is longer than ${max} characters: shorten it` }),
    );

const requiredText = (field: string, example: string, max: number = LIMITS.title) => text(field, example, max);

/**
 * Topic, organization, person and author names: normalised, so one name is one page (see
 * text-rules.ts) and an author pasted with a zero-width space is the same author.
 */
const nameList = (field: string, example: string, keep = 'keep the ones the report is about') =>
  z
    .array(text(field, example, LIMITS.name, normaliseName), {
      error: `"${field}" must be a list, for example ${field}: [${example}]`,
    })
    .max(LIMITS.names, { error: `"${field}" lists more than ${LIMITS.names} names: ${keep}` })
    .default([]);

/**
 * The original's address: only http and https, because it is published as a link, and a
 * `javascript:` URL would run in the reader's browser wherever no CSP header is sent.
 */
const sourceUrl = z
  .string({ error: '"source.url" must be text, for example url: https://example.org/report' })
  .superRefine(controlCharacterCheck('source.url'))
  // The URL parser drops tabs and line breaks inside a URL (and the check below accepts them), so
  // "https://example.org/a\nb" would be published as a link to another address.
  .refine((value) => !/\s/.test(value.trim()), {
    error: '"source.url" contains a space, tab or line break: write the address as one word, with a space as %20',
  })
  .pipe(
    z.url({
      protocol: /^https?$/,
      error: (issue) =>
        `"source.url" must be a web address starting with http:// or https://, for example url: https://example.org/report (got ${typeof issue.input === 'string' ? quoted(issue.input) : JSON.stringify(issue.input)})`,
    }),
  );

/**
 * A calendar day. YAML turns an unquoted 2020-07-31 into a Date (and silently rolls 2018-02-30
 * over to March 2), so the raw text is also checked before parsing: see `checkRawReport`.
 */
const calendarDay = (field: string, example: string) =>
  z.unknown().transform((value, ctx) => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
    const date = typeof value === 'string' ? parseIsoDate(value) : null;
    if (date) return date;
    ctx.addIssue({
      code: 'custom',
      message:
        value === undefined
          ? `"${field}" is missing: write the day as YYYY-MM-DD, for example ${example}`
          : `"${field}" must be a real calendar day written YYYY-MM-DD (got ${typeof value === 'string' ? quoted(value) : JSON.stringify(value)}), for example ${example}`,
    });
    return z.NEVER;
  });

export const calendarDate = calendarDay('date', 'date: 2020-07-31');

export const UPDATE_KINDS = ['correction', 'update'] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

const UPDATE_EXAMPLE = 'updates: [{ date: 2020-08-02, kind: correction, note: "An earlier version gave the wrong date." }]';

/**
 * A correction (the report said something wrong) or an update (something was added since), as
 * newsrooms append them. Kept in the order written, so that a message names the entry as the file
 * has it; pages and files put them in date order (src/archive/report-updates.ts).
 */
const updates = z
  .array(
    z.strictObject(
      {
        date: calendarDay('updates.date', UPDATE_EXAMPLE),
        kind: z.enum(UPDATE_KINDS, {
          error: (issue) =>
            `"updates.kind" must be correction or update (got ${JSON.stringify(issue.input)}), for example ${UPDATE_EXAMPLE}`,
        }),
        note: requiredText('updates.note', '"An earlier version gave the wrong date."', LIMITS.note),
      },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? `unknown field(s) ${issue.keys.map(quoted).join(', ')} in an update: each update has date, kind and note`
            : `each update must be a mapping of date, kind and note, for example ${UPDATE_EXAMPLE}`,
      },
    ),
    { error: `"updates" must be a list, for example ${UPDATE_EXAMPLE}` },
  )
  .max(LIMITS.updates, { error: `"updates" lists more than ${LIMITS.updates} entries: keep the ones a reader needs` })
  .default([]);

/**
 * Files published with the report (the release as PDF, a fact sheet): a path relative to the
 * report, published under the report's URL by its file name. The name and type are checked here;
 * that the file exists inside the content folder, by the loader (attachment-files.ts).
 */
const ATTACHMENT_EXAMPLE = 'attachments: [{ file: ./<slug>/release.pdf, title: "The release as issued" }]';
const attachment = z.strictObject(
  {
    file: z
      .string({ error: `"file" must be the path of the file, relative to the report: ${ATTACHMENT_EXAMPLE}` })
      .superRefine((file, ctx) => {
        const checked = checkAttachmentFile(file);
        if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.problem });
      }),
    title: requiredText('title', '"The release as issued"'),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')} in an attachment: each has only file and title, ${ATTACHMENT_EXAMPLE}`
        : `each attachment is a file and a title: ${ATTACHMENT_EXAMPLE}`,
  },
);
const attachments = z
  .array(attachment, { error: `"attachments" must be a list: ${ATTACHMENT_EXAMPLE}` })
  .max(MAX_ATTACHMENTS, { error: `"attachments" lists more than ${MAX_ATTACHMENTS} files: put the rest in a .zip` })
  .superRefine((list, ctx) => {
    const duplicate = duplicateAttachmentName(list.map((a) => a.file));
    if (duplicate) ctx.addIssue({ code: 'custom', message: duplicate });
  })
  .default([]);

/**
 * What the importer records to recognise the report when the same source is imported again
 * (src/importer/pipeline/): the item's key (its permalink, GUID or source file path) and a digest
 * of the file as the importer wrote it, so it can tell a changed source from a hand-edited report.
 * Never shown on the site; written by the importer, not by hand.
 */
const IMPORTED_EXAMPLE = 'imported: { key: "https://example.org/2020/07/release/", digest: "sha256:<64 hex digits>" }';
export const IMPORT_DIGEST = /^sha256:[0-9a-f]{64}$/;
const imported = z.strictObject(
  {
    key: requiredText('imported.key', '"https://example.org/2020/07/release/"', 2_000),
    digest: z.string({ error: `"imported.digest" must be text: ${IMPORTED_EXAMPLE}` }).regex(IMPORT_DIGEST, {
      error: `"imported.digest" must be "sha256:" and 64 hex digits, as the importer writes it: ${IMPORTED_EXAMPLE} (delete the whole "imported" field if unsure: the report is then no longer updated by re-imports)`,
    }),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field(s) ${issue.keys.map(quoted).join(', ')} in "imported": it has only key and digest, ${IMPORTED_EXAMPLE}`
        : `"imported" is written by the importer as ${IMPORTED_EXAMPLE}`,
  },
);

/**
 * The fields that do not depend on how the lead image's `src` is read, built once: Astro calls
 * the collection's schema function for every entry it validates (its `image()` is per entry),
 * and building these zod schemas cost more than validating with them (1.6 of 2.5 s of a warm
 * 2,000-report sync).
 */
const fixedFields = {
    title: requiredText('title', '"CASIC Holds 2020 Aerospace Defense Conference"'),
    subtitle: requiredText('subtitle', '"Focusing on ..."').optional(),
    // The byline: the people who wrote the report, in the order credited. The source (below) is
    // the organization that issued it; a report without authors is credited to its source alone.
    // A name credited twice would be shown twice in the byline ("By Jane Doe and Jane Doe").
    authors: nameList('authors', 'Jane Doe', 'keep the ones the report credits first').superRefine((names, ctx) => {
      const twice = names.find((name, i) => names.indexOf(name) !== i);
      if (twice !== undefined) ctx.addIssue({ code: 'custom', message: `"authors" lists ${quoted(twice)} twice: delete one` });
    }),
    date: calendarDate,
    // Strict like the report itself: a misspelt `ulr:` would otherwise drop the link without a word.
    source: z.strictObject(
      {
        name: requiredText('source.name', 'CASIC', LIMITS.name * 2),
        url: sourceUrl.optional(),
      },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? `unknown field(s) ${issue.keys.map(quoted).join(', ')}: remove or rename them (known fields: name, url)`
            : '"source" is missing: write source: { name: "Publisher name" } (url optional)',
      },
    ),
    summary: requiredText('summary', '"One or two sentences on what the report says."', LIMITS.summary).optional(),
    topics: nameList('topics', 'Aerospace'),
    organizations: nameList('organizations', 'CASIC'),
    people: nameList('people', 'Yuan Jie'),
    language: z
      .string()
      .regex(BCP47, { error: '"language" must be a BCP 47 tag such as en, zh or pt-BR' })
      .default('en'),
    rights: requiredText('rights', '"Copyright ©2020 Publisher. All Rights Reserved."', LIMITS.rights).optional(),
    updates,
    attachments,
};
const importedField = imported.optional();

/** The fields, with the schema that reads the lead image's `src` (see lead-image-rules.ts); in the order the output keeps. */
const fieldsWith = <Src extends z.ZodType>(imageSrc: Src) => ({
    ...fixedFields,
    image: leadImageField(imageSrc).optional(),
    imported: importedField,
});

/**
 * Unknown fields are errors: a misspelt `topic:` would otherwise vanish without a word.
 * `imageSrc` is Astro's `image()` in the content collection, the text checks elsewhere.
 */
export function buildReportSchema<Src extends z.ZodType>(imageSrc: Src) {
  const fields = fieldsWith(imageSrc);
  return z
  .strictObject(fields, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field(s) ${issue.keys.map(quoted).join(', ')}: remove or rename them (known fields: ${Object.keys(fields).join(', ')})`
        : 'the front matter must be a YAML mapping of fields such as title, date and source',
  })
  .superRefine((data, ctx) => {
    // A correction cannot come before what it corrects. (Runs once every field is valid.)
    data.updates.forEach((update, i) => {
      if (update.date < data.date) {
        ctx.addIssue({
          code: 'custom',
          path: ['updates', i, 'date'],
          message: `the ${update.kind} of ${toIsoDate(update.date)} is dated before the report (${toIsoDate(data.date)}): correct its date`,
        });
      }
    });
    const src = (data.image as { src?: unknown } | undefined)?.src;
    const clash = typeof src === 'string' ? leadImageNameClash(src, data.attachments.map((a) => a.file)) : undefined;
    if (clash) ctx.addIssue({ code: 'custom', path: ['image', 'src'], message: clash });
  });
}

export const reportSchema = buildReportSchema(leadImageSrcText);

export type ReportInput = z.input<typeof reportSchema>;
export type ReportData = z.output<typeof reportSchema>;
export type ReportUpdate = ReportData['updates'][number];

/** One readable line per problem: `field: message`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(front matter)';
    return `${field}: ${issue.message}`;
  });
}
