/**
 * The shape of one report's front matter. Shared by the content collection (build) and the
 * importer (before it writes), so an imported entry is valid by construction.
 * Messages say what to write, because publishers read them in a failed build.
 */
import { z } from 'zod';
import { parseIsoDate } from './calendar-date.ts';

const BCP47 = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/;

const requiredText = (field: string, example: string) =>
  z
    .string({ error: `"${field}" must be text, for example ${field}: ${example}` })
    .trim()
    .min(1, { error: `"${field}" is blank: write it, for example ${field}: ${example}` });

const nameList = (field: string, example: string) =>
  z
    .array(requiredText(field, example), {
      error: `"${field}" must be a list, for example ${field}: [${example}]`,
    })
    .default([]);

/**
 * A calendar day. YAML turns an unquoted 2020-07-31 into a Date (and silently rolls 2018-02-30
 * over to March 2), so the raw text is also checked before parsing: see `checkRawFrontmatter`.
 */
export const calendarDate = z.unknown().transform((value, ctx) => {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  const date = typeof value === 'string' ? parseIsoDate(value) : null;
  if (date) return date;
  ctx.addIssue({
    code: 'custom',
    message:
      value === undefined
        ? '"date" is missing: write the publication day as YYYY-MM-DD, for example date: 2020-07-31'
        : `"date" must be a real calendar day written YYYY-MM-DD (got ${JSON.stringify(value)}), for example date: 2020-07-31`,
  });
  return z.NEVER;
});

const fields = {
    title: requiredText('title', '"CASIC Holds 2020 Aerospace Defense Conference"'),
    subtitle: requiredText('subtitle', '"Focusing on ..."').optional(),
    date: calendarDate,
    source: z.object(
      {
        name: requiredText('source.name', 'CASIC'),
        url: z.url({ error: '"source.url" must be a full URL such as https://example.org/report' }).optional(),
      },
      { error: '"source" is missing: write source: { name: "Publisher name" } (url optional)' },
    ),
    summary: requiredText('summary', '"One or two sentences on what the report says."').optional(),
    topics: nameList('topics', 'Aerospace'),
    organizations: nameList('organizations', 'CASIC'),
    people: nameList('people', 'Yuan Jie'),
    language: z
      .string()
      .regex(BCP47, { error: '"language" must be a BCP 47 tag such as en, zh or pt-BR' })
      .default('en'),
    rights: requiredText('rights', '"Copyright ©2020 Publisher. All Rights Reserved."').optional(),
};

/** Unknown fields are errors: a misspelt `topic:` would otherwise vanish without a word. */
export const newsSchema = z.strictObject(fields, {
  error: (issue) =>
    issue.code === 'unrecognized_keys'
      ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove or rename them (known fields: ${Object.keys(fields).join(', ')})`
      : 'the front matter must be a YAML mapping of fields such as title, date and source',
});

export type NewsInput = z.input<typeof newsSchema>;
export type NewsData = z.output<typeof newsSchema>;

/** One readable line per problem: `field: message`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(front matter)';
    return `${field}: ${issue.message}`;
  });
}
