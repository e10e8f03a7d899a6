import { describe, expect, it } from 'vitest';
import { type Inline, parseRichText, plainText, type RichText, safeHref } from './richtext';
import { XSS_PAYLOADS } from './richtext.fixtures';

function links(tree: RichText): Inline[] {
  const all: Inline[] = [];
  for (const b of tree) {
    if (b.type === 'paragraph') all.push(...b.children);
    else for (const i of b.items) all.push(...i);
  }
  return all.filter((x) => x.type === 'link');
}

describe('parseRichText', () => {
  it('splits paragraphs on blank lines and keeps single newlines as breaks', () => {
    expect(parseRichText('one\ntwo\n\nthree')).toEqual([
      {
        type: 'paragraph',
        children: [{ type: 'text', text: 'one' }, { type: 'break' }, { type: 'text', text: 'two' }],
      },
      { type: 'paragraph', children: [{ type: 'text', text: 'three' }] },
    ]);
  });

  it('turns consecutive "- " lines into one bullet list', () => {
    expect(parseRichText('- roof\n* windows')).toEqual([
      { type: 'list', items: [[{ type: 'text', text: 'roof' }], [{ type: 'text', text: 'windows' }]] },
    ]);
  });

  it('links bare https URLs without the sentence punctuation after them', () => {
    const tree = parseRichText('See https://goszakup.gov.kz/ru/announce/123.');
    expect(links(tree)).toEqual([
      {
        type: 'link',
        href: 'https://goszakup.gov.kz/ru/announce/123',
        text: 'https://goszakup.gov.kz/ru/announce/123',
      },
    ]);
    expect(plainText(tree)).toBe('See https://goszakup.gov.kz/ru/announce/123.');
  });

  it('links [label](url) and e-mail addresses as mailto', () => {
    const tree = parseRichText('[contract](https://example.org/c) or akimat@example.kz');
    expect(links(tree)).toEqual([
      { type: 'link', href: 'https://example.org/c', text: 'contract' },
      { type: 'link', href: 'mailto:akimat@example.kz', text: 'akimat@example.kz' },
    ]);
  });

  it('keeps HTML as literal text', () => {
    expect(plainText(parseRichText('<b>bold</b> & <i>x</i>'))).toBe('<b>bold</b> & <i>x</i>');
  });

  it('never throws and returns nothing for blank input', () => {
    expect(parseRichText(' \n\n \n')).toEqual([]);
  });
});

describe('safeHref', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\u200Bscript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/x',
    'https://example.org/\u202Eexe.png',
    'https://',
  ])('refuses %j', (href) => {
    expect(safeHref(href)).toBeNull();
  });

  it.each([
    ['https://example.org/a?b=1#c', 'https://example.org/a?b=1#c'],
    ['http://example.org', 'http://example.org/'],
    ['mailto:a@example.org', 'mailto:a@example.org'],
  ])('accepts %j', (href, expected) => {
    expect(safeHref(href)).toBe(expected);
  });
});

describe('hostile comments', () => {
  it.each(XSS_PAYLOADS.map((p) => [p]))('%j yields only http(s)/mailto links', (payload) => {
    const tree = parseRichText(payload);
    for (const l of links(tree)) {
      expect(l.type === 'link' && /^(https?|mailto):/.test(l.href)).toBe(true);
    }
    expect(JSON.stringify(tree)).not.toMatch(/"href":"(javascript|data|vbscript)/i);
  });

  it('strips RTL overrides and zero-width characters from the text readers see', () => {
    expect(plainText(parseRichText('pay\u202Efdp.exe a\u200Bb'))).toBe('payfdp.exe ab');
  });
});
