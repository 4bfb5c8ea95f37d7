import { createHash } from 'node:crypto';

/** SHA-256 of a template source (hex), the key under which its compiled form is cached. */
export function contentHash(...sources: string[]): string {
  const hash = createHash('sha256');
  for (const source of sources) {
    hash.update(String(source.length)).update(':').update(source);
  }
  return hash.digest('hex');
}
