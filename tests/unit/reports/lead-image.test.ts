/**
 * The lead image as a publisher writes it: alt text required (or decorative marked on purpose),
 * a raster file beside the report, inside the content folder; every refusal names the field and the fix.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describeIssues, reportSchema } from '../../../src/reports/schema.ts';
import { findLeadImageFile, leadImageStamp } from '../../../src/reports/lead-image/lead-image-file.ts';
import { TMP } from '../../support/paths.ts';

const valid = { title: 'A report', date: '2020-07-31', source: { name: 'CASIC' } };
const src = './with-photo/photo.jpg';

function problems(image: unknown, extra: Record<string, unknown> = {}): string[] {
  const result = reportSchema.safeParse({ ...valid, ...extra, image });
  return result.success ? [] : describeIssues(result.error);
}

test('a lead image with alt, caption and credit is valid', () => {
  const data = reportSchema.parse({ ...valid, image: { src, alt: ' Engineers at work ', caption: 'At the plant.', credit: 'Jane Doe' } });
  assert.deepEqual(data.image, { src, alt: 'Engineers at work', caption: 'At the plant.', credit: 'Jane Doe' });
  assert.equal(reportSchema.parse(valid).image, undefined);
});

test('a lead image without alt, or with blank alt, names image.alt and the fix (decorative: true)', () => {
  for (const image of [{ src }, { src, alt: '' }, { src, alt: '   ' }]) {
    const [message, ...rest] = problems(image);
    assert.equal(rest.length, 0);
    assert.match(message!, /^image\.alt: the lead image has no alt text: describe what the photo shows.*alt: ".*decorative: true/);
  }
});

test('a decorative lead image needs no alt, and may not have one', () => {
  assert.deepEqual(problems({ src, decorative: true }), []);
  assert.match(problems({ src, decorative: true, alt: 'A photo' })[0]!, /^image\.alt: .*decorative: true but has alt text/);
  assert.match(problems({ src, decorative: false })[0]!, /^image\.decorative: /);
});

test('src must be a photo file beside the report, with a name that can be a URL', () => {
  assert.match(problems({ src: 'https://example.org/photo.jpg', alt: 'x' })[0]!, /^image\.src: .*is an address, not a file.*\.\/<slug>\/photo\.jpg/);
  assert.match(problems({ src: './with-photo/scan.svg', alt: 'x' })[0]!, /^image\.src: .*save it as \.jpg/);
  assert.match(problems({ src: './with-photo/scan.tif', alt: 'x' })[0]!, /^image\.src: .*save it as \.jpg/);
  assert.match(problems({ src: './with-photo/My Photo.jpg', alt: 'x' })[0]!, /^image\.src: .*rename the file.*my-photo\.jpg/i);
  assert.match(problems({ alt: 'x' })[0]!, /^image\.src: /);
  assert.match(problems({ src, alt: 'x', size: 'large' })[0]!, /^image: unknown field\(s\) "size"/);
});

test('the photo and an attachment of another file cannot share a published name', () => {
  const attachments = [{ file: './with-photo/other/photo.jpg', title: 'Other' }];
  assert.match(problems({ src, alt: 'x' }, { attachments })[0]!, /^image\.src: .*would both be published as photo\.jpg/);
  assert.deepEqual(problems({ src, alt: 'x' }, { attachments: [{ file: src, title: 'The photo' }] }), []);
});

const dir = path.join(TMP, 'unit-lead-image');
after(() => rm(dir, { recursive: true, force: true }));

test('the file: found with its size; missing, outside the folder, or not a raster image is named with field and path', async () => {
  const content = path.join(dir, 'news');
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(content, '2020/with-photo'), { recursive: true });
  const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } }).jpeg().toBuffer();
  await writeFile(path.join(content, '2020/with-photo/photo.jpg'), jpeg);
  await writeFile(path.join(content, '2020/with-photo/fake.jpg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  await writeFile(path.join(dir, 'secret.jpg'), jpeg);
  await symlink(path.join(dir, 'secret.jpg'), path.join(content, '2020/with-photo/link.jpg'));

  const found = await findLeadImageFile(content, '2020/with-photo.md', src);
  assert.deepEqual(found.ok && { src: found.file!.src, bytes: found.file!.bytes }, { src, bytes: jpeg.length });
  assert.match(found.ok ? leadImageStamp(found.file) : '', /photo\.jpg/);
  assert.deepEqual(await findLeadImageFile(content, '2020/with-photo.md', undefined), { ok: true, file: undefined });

  const problem = async (written: string) => {
    const result = await findLeadImageFile(content, '2020/with-photo.md', written);
    return result.ok ? '' : result.problem;
  };
  assert.match(await problem('./with-photo/missing.jpg'), /^2020\/with-photo\.md: image\.src: the lead image "\.\/with-photo\/missing\.jpg" does not exist \(looked for .*missing\.jpg\)\. Put the photo there/);
  assert.match(await problem('../../secret.jpg'), /^2020\/with-photo\.md: image\.src: .*outside the content folder/);
  assert.match(await problem('./with-photo/link.jpg'), /outside the content folder/);
  assert.match(await problem('./with-photo/fake.jpg'), /^2020\/with-photo\.md: image\.src: .*is not a JPEG, PNG, WebP or GIF image inside/);
});
