/**
 * Loaders for MovieLens rating files; the content decides the format. `ratings.csv`
 * of the "latest" releases has the header userId,movieId,rating,timestamp and half
 * stars from 0.5 to 5. `u.data` of MovieLens 100k has tab-separated user, item,
 * rating and timestamp without a header, and whole stars from 1 to 5. Timestamps
 * are Unix seconds.
 */
import { readFileSync } from 'node:fs';

export interface RatingRecord {
  userId: string;
  itemId: string;
  rating: number;
  /** Epoch milliseconds. */
  time: number;
}

export type MovieLensFormat = 'ratings.csv' | 'u.data';

export interface RatingsDataset {
  path: string;
  format: MovieLensFormat;
  ratings: RatingRecord[];
  ratingMin: number;
  ratingMax: number;
  users: number;
  items: number;
}

/** A line of a rating file that cannot be read; the message names file, line, field and value. */
export class RatingsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RatingsFileError';
  }
}

const CSV_HEADER = 'userId,movieId,rating,timestamp';
const FIELDS = ['user', 'item', 'rating', 'timestamp'] as const;

interface FormatRules {
  separator: string;
  ratingMin: number;
  ratingMax: number;
  /** Rating must be a multiple of this. */
  ratingStep: number;
  firstDataLine: number;
}

const RULES: Record<MovieLensFormat, FormatRules> = {
  'ratings.csv': { separator: ',', ratingMin: 0.5, ratingMax: 5, ratingStep: 0.5, firstDataLine: 2 },
  'u.data': { separator: '\t', ratingMin: 1, ratingMax: 5, ratingStep: 1, firstDataLine: 1 },
};

/** Reads a MovieLens rating file of either format from `path`. */
export function loadMovieLensRatings(path: string): RatingsDataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RatingsFileError(`cannot read MovieLens ratings at ${path}: ${reason}; pass the path of ratings.csv or u.data`);
  }
  return parseMovieLensRatings(text, path);
}

/** Parses the content of a MovieLens rating file; `path` only appears in messages. */
export function parseMovieLensRatings(text: string, path: string): RatingsDataset {
  const lines = text.split(/\r?\n/);
  const format = detectFormat(lines[0] ?? '', path);
  const rules = RULES[format];
  const ratings: RatingRecord[] = [];

  for (let at = rules.firstDataLine - 1; at < lines.length; at++) {
    if (lines[at].trim() === '') {
      continue;
    }
    ratings.push(parseLine(lines[at], at + 1, path, rules));
  }

  if (ratings.length === 0) {
    throw new RatingsFileError(`${path} has no ratings; expected one rating per line after the header`);
  }
  return {
    path,
    format,
    ratings,
    ratingMin: rules.ratingMin,
    ratingMax: rules.ratingMax,
    users: new Set(ratings.map((rating) => rating.userId)).size,
    items: new Set(ratings.map((rating) => rating.itemId)).size,
  };
}

function detectFormat(firstLine: string, path: string): MovieLensFormat {
  if (firstLine.trim() === CSV_HEADER) {
    return 'ratings.csv';
  }
  if (firstLine.split('\t').length === 4) {
    return 'u.data';
  }
  throw new RatingsFileError(
    `${path} line 1 is not a MovieLens rating file: found '${firstLine.slice(0, 80)}', expected the ratings.csv ` +
      `header '${CSV_HEADER}' or a tab-separated u.data line 'user item rating timestamp'`,
  );
}

function parseLine(line: string, lineNumber: number, path: string, rules: FormatRules): RatingRecord {
  const fields = line.split(rules.separator);
  if (fields.length !== FIELDS.length) {
    throw new RatingsFileError(
      `${path} line ${lineNumber}: expected ${FIELDS.length} fields (${FIELDS.join(', ')}), found ${fields.length} in '${line}'`,
    );
  }

  const [userId, itemId, ratingText, timestampText] = fields.map((field) => field.trim());
  for (const [name, value] of [['user', userId], ['item', itemId]] as const) {
    if (!/^\d+$/.test(value)) {
      throw new RatingsFileError(`${path} line ${lineNumber} field ${name}: expected a numeric id, found '${value}'`);
    }
  }

  const rating = Number(ratingText);
  const onScale =
    ratingText !== '' &&
    Number.isFinite(rating) &&
    rating >= rules.ratingMin &&
    rating <= rules.ratingMax &&
    Number.isInteger(rating / rules.ratingStep);
  if (!onScale) {
    throw new RatingsFileError(
      `${path} line ${lineNumber} field rating: '${ratingText}' is not a rating from ${rules.ratingMin} to ` +
        `${rules.ratingMax} in steps of ${rules.ratingStep}`,
    );
  }

  const timestamp = Number(timestampText);
  if (timestampText === '' || !Number.isInteger(timestamp) || timestamp < 0) {
    throw new RatingsFileError(
      `${path} line ${lineNumber} field timestamp: expected Unix seconds, found '${timestampText}'`,
    );
  }
  return { userId, itemId, rating, time: timestamp * 1000 };
}
