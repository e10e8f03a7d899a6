/**
 * The few lines of XML the Open311 endpoints write (GeoReport v2 documents are plain nested
 * elements: no attributes, no namespaces, no mixed content), so the API bundle carries no XML
 * library. Same output as fast-xml-parser's builder with `{ format: false, suppressEmptyNode: true }`,
 * which it replaced (functions/api/xml.test.ts compares the two): arrays repeat their element, empty
 * and null values become `<name/>`, undefined is left out, text is entity-escaped.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

const escapeText = (text: string) => text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);

function element(name: string, value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((entry) => element(name, entry)).join('');
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const inner = children(value as Record<string, unknown>);
    return inner ? `<${name}>${inner}</${name}>` : `<${name}/>`;
  }
  const text = value === null ? '' : escapeText(String(value));
  return text ? `<${name}>${text}</${name}>` : `<${name}/>`;
}

function children(value: Record<string, unknown>): string {
  return Object.entries(value)
    .map(([name, child]) => element(name, child))
    .join('');
}

/** `{ root: { row: [...] } }` → `<root><row>…</row>…</root>` (no XML declaration). */
export function toXml(document: Record<string, unknown>): string {
  return children(document);
}
