/**
 * The edge of every route that takes a JSON body, attached by `defineRoute` so no route can forget
 * it: the media type must be JSON (415 otherwise), the bytes must be UTF-8 and parse as JSON (400
 * `request.malformed_json`), and every string in it must be well-formed Unicode (400
 * `field.ill_formed_unicode`: a lone UTF-16 surrogate cannot be stored, indexed or shown). The size
 * limit is the app-wide body limit (413). Only then does the route's schema see the body.
 */
import type { MiddlewareHandler } from 'hono';
import type { ProblemField } from '../../shared/problem';
import type { AppEnv } from './env';
import { MalformedJsonError, UnsupportedMediaTypeError, ValidationError } from './problems';

/** The same test @hono/zod-openapi applies, so a body this passes is one its validator reads. */
const JSON_MEDIA_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType !== undefined && JSON_MEDIA_TYPE.test(contentType.trim());
}

/** Dotted paths of every key or string value holding a lone surrogate (capped: one is enough to refuse). */
export function illFormedStrings(value: unknown, path: string[] = [], out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) out.push(path.join('.') || '(body)');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      illFormedStrings(v, [...path, String(i)], out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (LONE_SURROGATE.test(k)) out.push([...path, k].join('.'));
      else illFormedStrings(v, [...path, k], out);
    }
  }
  return out;
}

/** Middleware for a route whose body is JSON; `required` as declared in the route's OpenAPI. */
export function jsonBody(required: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const contentType = c.req.header('Content-Type');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (!contentType && bytes.length === 0 && !required) return next();
    if (!isJsonMediaType(contentType)) throw new UnsupportedMediaTypeError('application/json');
    let text: string;
    let parsed: unknown;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      throw new MalformedJsonError('The body is not valid UTF-8.');
    }
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new MalformedJsonError();
    }
    const bad = illFormedStrings(parsed);
    if (bad.length > 0) {
      const errors: ProblemField[] = bad.map((field) => ({
        in: 'json',
        field,
        message: 'contains a lone UTF-16 surrogate (not well-formed Unicode)',
        code: 'field.ill_formed_unicode',
      }));
      throw new ValidationError(errors, 'The body has strings that are not well-formed Unicode.', {
        code: 'request.ill_formed_unicode',
      });
    }
    // The route's validator reads the body again; hand it the decoded text rather than the stream.
    (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
    return next();
  };
}
