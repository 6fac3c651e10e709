// The only importer of entities: HTML character references decoded as a browser would.
import { decodeHTML } from 'entities';

/** Decode HTML character references (`&amp;`, `&#27;`, `&eacute;` …) in text. */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}
