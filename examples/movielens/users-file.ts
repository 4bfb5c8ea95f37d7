import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Writes `users.csv` (one `userId` column) into `outDir` with every user id found in
 * MovieLens ratings.csv, sorted numerically, because MovieLens has no users file in its
 * "latest" releases. Returns the path and the number of users.
 */
export async function writeUsersFile(ratingsPath: string, outDir: string): Promise<{ path: string; users: number }> {
  const ids = new Set<number>();
  const lines = createInterface({ input: createReadStream(ratingsPath), crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (lineNumber === 1 || line.trim() === '') {
      continue;
    }
    const id = Number(line.slice(0, line.indexOf(',')));
    if (!Number.isInteger(id) || id < 0) {
      throw new Error(`${ratingsPath} line ${lineNumber}: expected a numeric userId first, found '${line.slice(0, 40)}'`);
    }
    ids.add(id);
  }

  const path = join(outDir, 'users.csv');
  const sorted = [...ids].sort((left, right) => left - right);
  writeFileSync(path, `userId\n${sorted.join('\n')}\n`);
  return { path, users: sorted.length };
}
