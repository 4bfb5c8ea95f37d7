import { open } from 'node:fs/promises';

const CANDIDATES = [';', ',', '\t', '|'];
const SAMPLE_BYTES = 64 * 1024;

/**
 * Picks the delimiter of a CSV file from its header line: whichever of `;`, `,`, tab or
 * `|` occurs most often outside quotes. A header with none of them (one column) gives `,`.
 */
export async function detectDelimiter(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return delimiterOfHeader(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

export function delimiterOfHeader(text: string): string {
  const counts = new Map(CANDIDATES.map((candidate) => [candidate, 0]));
  let quoted = false;
  for (const character of text.replace(/^\uFEFF/, '')) {
    if (character === '"') {
      quoted = !quoted;
    } else if (!quoted && (character === '\n' || character === '\r')) {
      break;
    } else if (!quoted && counts.has(character)) {
      counts.set(character, (counts.get(character) ?? 0) + 1);
    }
  }

  let best = ',';
  let bestCount = 0;
  for (const [candidate, count] of counts) {
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}
