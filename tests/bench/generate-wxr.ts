/**
 * A deterministic WordPress export (WXR 1.2) for the import benchmark: the same seed and count give
 * byte-identical files. Posts as WordPress writes them: <p> paragraphs (some as Gutenberg blocks),
 * headings, lists, links, a table now and then, [caption] shortcodes around uploaded images,
 * categories and tags, dates over twenty years with local and GMT times, drafts, a private post,
 * pages, and attachment items. With `uploads`, a small PNG is written for every uploaded image the
 * posts reference, as `wp-content/uploads/YYYY/MM/name.png`, for `--media`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { ORGANIZATIONS, PEOPLE, TOPICS, seededRandom } from './generate.ts';

export interface WxrOptions {
  /** Posts (of every status; pages and attachments come on top). */
  posts: number;
  seed?: number;
  site?: string;
  /** Folder to write uploaded images into (the `uploads` folder); none when absent. */
  uploads?: string;
}

export interface WxrManifest {
  xml: string;
  /** Posts with status publish: what an import of posts must write. */
  published: number;
  drafts: number;
  privatePosts: number;
  pages: number;
  attachments: number;
  /** Upload paths (relative to uploads/) the published posts reference. */
  images: string[];
}

const WORDS = (
  'the of and to in a is that for on with as by at from this be are was it an which or have has ' +
  'satellite launch orbit conference agreement production research quality supply network plant ' +
  'committee delegation budget contract testing delivery mission capacity export partnership ' +
  'report year plan measure growth security cooperation investment technology training program'
).split(' ');

const TAGS = ['press release', 'interview', 'exhibition', 'anniversary', 'contract', 'award', 'visit', 'milestone', 'Beidou', 'C919'];

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function sentence(random: () => number): string {
  const words = Array.from({ length: 8 + Math.floor(random() * 16) }, () => pick(random, WORDS));
  if (random() < 0.3) words.splice(2, 0, pick(random, ORGANIZATIONS));
  if (random() < 0.2) words.splice(4, 0, pick(random, PEOPLE));
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

const paragraph = (random: () => number) => Array.from({ length: 2 + Math.floor(random() * 4) }, () => sentence(random)).join(' ');
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const pad = (n: number) => String(n).padStart(2, '0');
const slugOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

function table(random: () => number): string {
  const rows = 2 + Math.floor(random() * 4);
  const cells = (tag: string, values: string[]) => `<tr>${values.map((v) => `<${tag}>${v}</${tag}>`).join('')}</tr>`;
  const body = Array.from({ length: rows }, (_, i) => cells('td', [pick(random, ORGANIZATIONS), String(1990 + i * 3), `${Math.floor(random() * 900) + 100} units`]));
  return `<table class="wp-block-table"><thead>${cells('th', ['Organization', 'Year', 'Output'])}</thead><tbody>${body.join('')}</tbody></table>`;
}

export async function generateWxr(options: WxrOptions): Promise<WxrManifest> {
  const random = seededRandom(options.seed ?? 1);
  const site = options.site ?? 'https://news.example.org';
  const manifest: WxrManifest = { xml: '', published: 0, drafts: 0, privatePosts: 0, pages: 0, attachments: 0, images: [] };
  const items: string[] = [];
  let id = 100;
  const slugs = new Set<string>();

  for (let n = 0; n < options.posts; n++) {
    const postId = id++;
    const year = 2005 + Math.floor(random() * 20);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const hour = Math.floor(random() * 24);
    const minute = Math.floor(random() * 60);
    const local = `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:00`;
    // The site is in UTC+8: the GMT time is 8 hours earlier, the day before for early posts.
    const gmtDate = new Date(Date.UTC(year, month - 1, day, hour - 8, minute));
    const gmt = gmtDate.toISOString().replace('T', ' ').slice(0, 19);
    const title = `${pick(random, ORGANIZATIONS)} ${pick(random, ['holds', 'signs', 'launches', 'opens', 'reviews', 'delivers'])} ${sentence(random).slice(0, 40).replace(/\.$/, '')} ${n}`;
    let slug = slugOf(title);
    while (slugs.has(slug)) slug = `${slug}-2`;
    slugs.add(slug);
    const roll = random();
    const status = roll < 0.05 ? 'draft' : roll < 0.06 ? 'private' : 'publish';

    const blocks: string[] = [];
    const gutenberg = random() < 0.5;
    const p = (text: string) => (gutenberg ? `<!-- wp:paragraph -->\n<p>${text}</p>\n<!-- /wp:paragraph -->` : `${text}`);
    const paragraphs = 3 + Math.floor(random() * 7);
    const images: string[] = [];
    for (let i = 0; i < paragraphs; i++) {
      blocks.push(p(i === 1 ? `${paragraph(random)} See <a href="${site}/about/">our profile</a> and <strong>${pick(random, PEOPLE)}</strong>'s remarks &amp; notes.` : paragraph(random)));
      if (i === 2 && random() < 0.35) {
        const file = `${year}/${pad(month)}/photo-${postId}-${i}.png`;
        images.push(file);
        const img = `<img class="size-medium wp-image-${postId}" src="${site}/wp-content/uploads/${file}" alt="${escapeXml(pick(random, PEOPLE))} at the site" width="300" height="200" />`;
        blocks.push(random() < 0.7 ? `[caption id="attachment_${postId}" align="aligncenter" width="300"]${img} ${sentence(random)}[/caption]` : img);
      }
      if (i === 3 && random() < 0.15) blocks.push(table(random));
      if (i === 4 && random() < 0.2) blocks.push(`<h2>${sentence(random).slice(0, 30)}</h2>`);
      if (i === 5 && random() < 0.2) blocks.push(`<ul>\n<li>${sentence(random)}</li>\n<li>${sentence(random)}</li>\n</ul>`);
    }
    const categories = [pick(random, TOPICS), ...(random() < 0.4 ? [pick(random, TOPICS)] : [])];
    const tags = random() < 0.6 ? [pick(random, TAGS)] : [];
    const terms = [
      ...[...new Set(categories)].map((c) => `<category domain="category" nicename="${slugOf(c)}">${cdata(c)}</category>`),
      ...tags.map((t) => `<category domain="post_tag" nicename="${slugOf(t)}">${cdata(t)}</category>`),
    ];
    const link = status === 'publish' ? `${site}/${year}/${pad(month)}/${slug}/` : `${site}/?p=${postId}`;
    items.push(
      [
        '\t<item>',
        `\t\t<title>${escapeXml(title)}</title>`,
        `\t\t<link>${link}</link>`,
        `\t\t<pubDate>${status === 'draft' ? 'Mon, 30 Nov -0001 00:00:00 +0000' : gmtDate.toUTCString().replace('GMT', '+0000')}</pubDate>`,
        `\t\t<dc:creator>${cdata('editor')}</dc:creator>`,
        `\t\t<guid isPermaLink="false">${site}/?p=${postId}</guid>`,
        '\t\t<description></description>',
        `\t\t<content:encoded>${cdata(blocks.join('\n\n'))}</content:encoded>`,
        `\t\t<excerpt:encoded>${cdata(random() < 0.3 ? sentence(random) : '')}</excerpt:encoded>`,
        `\t\t<wp:post_id>${postId}</wp:post_id>`,
        `\t\t<wp:post_date>${cdata(local)}</wp:post_date>`,
        `\t\t<wp:post_date_gmt>${cdata(status === 'draft' ? '0000-00-00 00:00:00' : gmt)}</wp:post_date_gmt>`,
        `\t\t<wp:comment_status>${cdata('closed')}</wp:comment_status>`,
        `\t\t<wp:post_name>${cdata(status === 'draft' ? '' : slug)}</wp:post_name>`,
        `\t\t<wp:status>${cdata(status)}</wp:status>`,
        '\t\t<wp:post_parent>0</wp:post_parent>',
        '\t\t<wp:menu_order>0</wp:menu_order>',
        `\t\t<wp:post_type>${cdata('post')}</wp:post_type>`,
        `\t\t<wp:post_password>${cdata('')}</wp:post_password>`,
        '\t\t<wp:is_sticky>0</wp:is_sticky>',
        ...terms.map((t) => `\t\t${t}`),
        '\t</item>',
      ].join('\n'),
    );
    if (status === 'publish') {
      manifest.published++;
      manifest.images.push(...images);
    } else if (status === 'draft') manifest.drafts++;
    else manifest.privatePosts++;
    for (const file of images) {
      manifest.attachments++;
      items.push(
        [
          '\t<item>',
          `\t\t<title>${escapeXml(path.basename(file, '.png'))}</title>`,
          `\t\t<link>${site}/${file}</link>`,
          `\t\t<wp:post_id>${id++}</wp:post_id>`,
          `\t\t<wp:post_parent>${postId}</wp:post_parent>`,
          `\t\t<wp:status>${cdata('inherit')}</wp:status>`,
          `\t\t<wp:post_type>${cdata('attachment')}</wp:post_type>`,
          `\t\t<wp:attachment_url>${cdata(`${site}/wp-content/uploads/${file}`)}</wp:attachment_url>`,
          '\t</item>',
        ].join('\n'),
      );
    }
  }
  for (const title of ['About us', 'Contact']) {
    manifest.pages++;
    items.push(
      [
        '\t<item>',
        `\t\t<title>${title}</title>`,
        `\t\t<link>${site}/${slugOf(title)}/</link>`,
        `\t\t<content:encoded>${cdata(`<p>${paragraph(random)}</p>`)}</content:encoded>`,
        `\t\t<wp:post_id>${id++}</wp:post_id>`,
        `\t\t<wp:post_date>${cdata('2010-01-01 09:00:00')}</wp:post_date>`,
        `\t\t<wp:post_date_gmt>${cdata('2010-01-01 01:00:00')}</wp:post_date_gmt>`,
        `\t\t<wp:post_name>${cdata(slugOf(title))}</wp:post_name>`,
        `\t\t<wp:status>${cdata('publish')}</wp:status>`,
        `\t\t<wp:post_type>${cdata('page')}</wp:post_type>`,
        '\t</item>',
      ].join('\n'),
    );
  }

  manifest.xml = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->',
    '<rss version="2.0"',
    '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"',
    '\txmlns:content="http://purl.org/rss/1.0/modules/content/"',
    '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"',
    '\txmlns:dc="http://purl.org/dc/elements/1.1/"',
    '\txmlns:wp="http://wordpress.org/export/1.2/"',
    '>',
    '<channel>',
    '\t<title>Example News</title>',
    `\t<link>${site}</link>`,
    '\t<description>Press releases</description>',
    '\t<language>en-US</language>',
    '\t<wp:wxr_version>1.2</wp:wxr_version>',
    `\t<wp:base_site_url>${site}</wp:base_site_url>`,
    `\t<wp:base_blog_url>${site}</wp:base_blog_url>`,
    `\t<wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('editor')}</wp:author_login><wp:author_display_name>${cdata('The Editor')}</wp:author_display_name></wp:author>`,
    ...TOPICS.map((t, i) => `\t<wp:category><wp:term_id>${i + 1}</wp:term_id><wp:category_nicename>${cdata(slugOf(t))}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata(t)}</wp:cat_name></wp:category>`),
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');

  if (options.uploads) {
    const png = await sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 40, g: 90, b: 160 } } }).png().toBuffer();
    const all = [...new Set(items.join('\n').match(/(?<=\/wp-content\/uploads\/)[^"\]<]+\.png/g) ?? [])];
    for (const file of all) {
      await mkdir(path.join(options.uploads, path.dirname(file)), { recursive: true });
      await writeFile(path.join(options.uploads, file), png);
    }
  }
  return manifest;
}
