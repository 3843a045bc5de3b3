import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { openSearchDescription } from '../../../src/formats/opensearch.ts';

test('the OpenSearch description is valid XML with the search URL template, whatever the site name', () => {
  const xml = openSearchDescription({
    shortName: 'Tom & Jerry <News> "Archive" of everything',
    description: 'Reports & releases',
    searchPage: 'https://example.org/archive/search/',
    icon: 'https://example.org/archive/favicon.svg',
  });
  const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false }).parse(xml).OpenSearchDescription;
  // The specification allows 16 characters for the short name.
  assert.equal(parsed.ShortName, 'Tom & Jerry <New');
  assert.equal(parsed.Description, 'Reports & releases');
  assert.equal(parsed.Url['@_template'], 'https://example.org/archive/search/?q={searchTerms}');
  assert.equal(parsed.Url['@_type'], 'text/html');
  assert.equal(parsed['@_xmlns'], 'http://a9.com/-/spec/opensearch/1.1/');
});
