/**
 * A deterministic synthetic archive: the same seed and count give byte-identical files, so tests
 * can compute what they expect from the returned manifest and benchmarks compare like with like.
 * English-like text of 400-900 words, dates over 25 years, topics, organizations and people from
 * pools, and GFM tables, lists, footnotes and section headings in some reports.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import sharp from 'sharp';

export interface SyntheticReport {
  id: string;
  file: string;
  title: string;
  date: string;
  topics: string[];
  organizations: string[];
  people: string[];
  language: string;
  /** A word that appears in this report's body and in no other report (for rare-word searches). */
  rareWord: string;
  /** Section headings in the body, if any. */
  headings: string[];
}

export interface GenerateOptions {
  dir: string;
  count: number;
  seed?: number;
  /** First and last year of the date spread (inclusive). */
  years?: [number, number];
  /** One report in ten gets a lead image (made with sharp, a few sizes) in a folder named after it. */
  leadImages?: boolean;
  /** One report in ten shows a shared photo in its body (bodyImageFor); on unless turned off. */
  bodyImages?: boolean;
}

/** The lead images' sizes, in turn: a wide photo, a common camera export, a small one. */
export const LEAD_IMAGE_SIZES = [
  { width: 2400, height: 1600 },
  { width: 1600, height: 1067 },
  { width: 800, height: 600 },
] as const;

/** A JPEG of the given size, its colour from `index` so every file differs. */
async function leadImage(index: number, size: { width: number; height: number }): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const background = { r: (index * 37) % 256, g: (index * 91) % 256, b: (index * 53) % 256 };
  const band = Buffer.from(`<svg width="${size.width}" height="${size.height}"><rect y="${size.height / 3}" width="${size.width}" height="${size.height / 3}" fill="#fff" opacity="0.4"/></svg>`);
  return sharp({ create: { ...size, channels: 3, background } }).composite([{ input: band }]).jpeg({ quality: 85 }).toBuffer();
}

export const TOPICS = [
  'Aerospace', 'Defense industry', 'Quality management', 'Digitalization', 'Energy', 'Trade',
  'Shipbuilding', 'Satellites', 'Research and development', 'Supply chains', 'Education',
  'Public health', 'Infrastructure', 'Finance', 'Environment', 'Telecommunications',
];
export const ORGANIZATIONS = [
  'CASIC', 'CASC', 'Ministry of Industry', 'National Space Agency', 'Northern Shipyards Group',
  'Eastern Electric Co., Ltd.', 'Academy of Sciences', 'Harbour Authority', 'State Grid Office',
  'Aerospace Jiangnan Group Co., Ltd.', 'Second Academy', 'Third Academy', 'Sixth Academy',
  'Central Bank', 'Science and Technology Committee', 'Institute of Materials',
];
export const PEOPLE = [
  'Yuan Jie', 'Liu Shiquan', 'Wei Yiyin', 'Chen Guoying', 'Gong Bo', 'Zhang Hongwen',
  'Maria Alvarez', 'John Okafor', 'Li Na', 'Ahmed Haddad', 'Sofia Rossi', 'Kenji Sato',
  'Amara Singh', 'Pavel Novak', 'Grace Mbeki', 'Lucas Martin', 'Elena Petrova', 'Omar Farouk',
];

const WORDS = (
  'the of and to in a is that for on with as by at from this be are was it an which or have has ' +
  'conference report meeting work plan year quality production research development industry ' +
  'organization committee members system capability project progress target measure review ' +
  'strategy innovation security management policy program national regional annual growth ' +
  'efficiency cooperation investment technology equipment training standards performance ' +
  'construction operation resource support mission responsibility implementation leadership'
).split(' ');

/** mulberry32: tiny, fast, and identical on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function pickSome<T>(random: () => number, items: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(random() * (max - min + 1));
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(pick(random, items));
  return [...chosen];
}

/** A pronounceable made-up word unique to report `index`: zq + base-26 of the index. */
export function rareWordFor(index: number): string {
  let n = index;
  let word = '';
  do {
    word = String.fromCharCode(97 + (n % 26)) + word;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `zq${word}vex`;
}

function sentence(random: () => number, extra: string[] = []): string {
  const length = 8 + Math.floor(random() * 14);
  const words = Array.from({ length }, () => pick(random, WORDS));
  for (const word of extra) words.splice(1 + Math.floor(random() * (words.length - 1)), 0, word);
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random: () => number, sentences: number, extra: string[] = []): string {
  return Array.from({ length: sentences }, (_, i) => sentence(random, i === 0 ? extra : [])).join(' ');
}

function dateFor(random: () => number, [first, last]: [number, number]): string {
  const start = Date.UTC(first, 0, 1);
  const end = Date.UTC(last, 11, 31);
  const day = new Date(start + Math.floor(random() * ((end - start) / 86_400_000 + 1)) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

/** A few photos, shared by the reports that show one (in the content folder, beside the year folders). */
const BODY_PHOTOS = 4;
const PHOTO_FOLDER = 'media';

/**
 * One report in ten shows a photo after its opening paragraphs, as a figure with a caption and
 * credit; decided by the index alone, so the rest of every report is unchanged by it.
 */
export function bodyImageFor(index: number): string | undefined {
  if (index % 10 !== 3) return undefined;
  const n = (Math.floor(index / 10) % BODY_PHOTOS) + 1;
  return `![Delegates seated in the main hall, view ${n}](../${PHOTO_FOLDER}/photo-${n}.jpg "The session in the main hall (Photo: Archive picture desk)")`;
}

/** The shared photos, made with sharp from seeded noise (which compresses as badly as a photograph): the same bytes every time. */
async function writeBodyPhotos(dir: string): Promise<void> {
  const folder = path.join(dir, PHOTO_FOLDER);
  await mkdir(folder, { recursive: true });
  for (let i = 0; i < BODY_PHOTOS; i++) {
    const random = seededRandom(i + 1);
    const width = 1600 + 200 * i;
    const height = 1067;
    const pixels = Buffer.alloc(width * height * 3);
    for (let p = 0; p < pixels.length; p++) pixels[p] = 60 + 40 * i + Math.floor(random() * 80);
    await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toFile(path.join(folder, `photo-${i + 1}.jpg`));
  }
}

function body(random: () => number, report: Pick<SyntheticReport, 'people' | 'organizations' | 'rareWord'>, headings: string[], image?: string): string {
  const targetWords = 400 + Math.floor(random() * 501);
  const blocks: string[] = [
    paragraph(random, 3, [report.organizations[0]!, report.rareWord]),
    paragraph(random, 2, report.people.slice(0, 1)),
    ...(image ? [image] : []),
  ];
  const kind = random();
  if (kind < 0.15) {
    blocks.push(
      '| Indicator | Target | Result |\n| --- | ---: | ---: |\n' +
        Array.from({ length: 3 }, () => `| ${pick(random, WORDS)} ${pick(random, WORDS)} | ${Math.floor(random() * 100)} | ${Math.floor(random() * 100)} |`).join('\n'),
    );
  } else if (kind < 0.3) {
    blocks.push(Array.from({ length: 4 }, () => `- ${sentence(random)}`).join('\n'));
  } else if (kind < 0.4) {
    blocks.push(`${sentence(random)} The figures were confirmed later.[^1]`);
  }
  let words = blocks.join(' ').split(/\s+/).length;
  let section = 0;
  while (words < targetWords) {
    if (headings.length > section && words > targetWords * (section + 1) / (headings.length + 1)) {
      blocks.push(`## ${headings[section]}`);
      section++;
    }
    const next = paragraph(random, 3 + Math.floor(random() * 3));
    blocks.push(next);
    words += next.split(/\s+/).length;
  }
  if (kind >= 0.3 && kind < 0.4) blocks.push('[^1]: Figures from the annual statistics office.');
  return blocks.join('\n\n');
}

/** Writes `count` reports into `dir` (emptied first) and returns what it wrote, newest first. */
export async function generateArchive({ dir, count, seed = 20200731, years = [2001, 2025], leadImages = false, bodyImages = true }: GenerateOptions): Promise<SyntheticReport[]> {
  await rm(dir, { recursive: true, force: true });
  if (bodyImages) await writeBodyPhotos(dir);
  const random = seededRandom(seed);
  const reports: SyntheticReport[] = [];
  const writes: Promise<void>[] = [];
  for (let index = 0; index < count; index++) {
    const date = dateFor(random, years);
    const topics = pickSome(random, TOPICS, 1, 3);
    const organizations = pickSome(random, ORGANIZATIONS, 1, 3);
    const people = pickSome(random, PEOPLE, 0, 3);
    const headline = `${pick(random, ['Annual', 'Quarterly', 'Special', 'Regional', 'National'])} ${pick(random, ['review', 'conference', 'briefing', 'forum', 'assessment'])} on ${topics[0]!.toLowerCase()}`;
    const title = `${headline} (${index + 1})`;
    const slug = `report-${String(index + 1).padStart(6, '0')}`;
    const year = date.slice(0, 4);
    const rareWord = rareWordFor(index);
    const headings = random() < 0.3 ? ['Background', 'Outcomes'] : [];
    const withImage = leadImages && index % 10 === 0;
    const report: SyntheticReport = {
      id: `${year}/${slug}`,
      file: path.join(dir, year, `${slug}.md`),
      title, date, topics, organizations, people, language: 'en', rareWord, headings,
    };
    const frontmatter = stringify(
      {
        title,
        ...(random() < 0.5 ? { subtitle: sentence(random).slice(0, -1) } : {}),
        date,
        source: { name: organizations[0]! },
        summary: sentence(random),
        topics, organizations, people,
        language: 'en',
        // Not drawn from `random`: the rest of the archive is the same with or without images.
        ...(withImage ? { image: { src: `./${slug}/photo.jpg`, alt: `A photo for report ${index + 1}`, caption: `Scene of the ${headline.toLowerCase()}.`, credit: 'Bench Photographer' } } : {}),
      },
      { lineWidth: 0 },
    );
    const text = `---\n${frontmatter}---\n\n${body(random, report, headings, bodyImages ? bodyImageFor(index) : undefined)}\n`;
    if (withImage) {
      const size = LEAD_IMAGE_SIZES[(index / 10) % LEAD_IMAGE_SIZES.length]!;
      const folder = path.join(dir, year, slug);
      writes.push(mkdir(folder, { recursive: true }).then(async () => writeFile(path.join(folder, 'photo.jpg'), await leadImage(index, size))));
    }
    reports.push(report);
    writes.push(mkdir(path.dirname(report.file), { recursive: true }).then(() => writeFile(report.file, text)));
    if (writes.length >= 256) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  return reports.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}
