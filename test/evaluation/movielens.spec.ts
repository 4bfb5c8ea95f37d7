import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadMovieLensRatings, parseMovieLensRatings, RatingsFileError } from '../../src/evaluation/movielens';
import { describeWithDataset } from '../helpers/datasets';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

describe('parseMovieLensRatings', () => {
  it('reads ratings.csv with half stars', () => {
    const dataset = parseMovieLensRatings('userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n', 'ratings.csv');

    expect(dataset.format).toBe('ratings.csv');
    expect(dataset.ratings).toEqual([
      { userId: '1', itemId: '31', rating: 2.5, time: 1260759144000 },
      { userId: '1', itemId: '1029', rating: 3, time: 1260759179000 },
    ]);
    expect([dataset.ratingMin, dataset.ratingMax, dataset.users, dataset.items]).toEqual([0.5, 5, 1, 2]);
  });

  it('reads tab-separated u.data', () => {
    const dataset = parseMovieLensRatings('196\t242\t3\t881250949\r\n186\t302\t3\t891717742\r\n', 'u.data');

    expect(dataset.format).toBe('u.data');
    expect(dataset.ratings[1]).toEqual({ userId: '186', itemId: '302', rating: 3, time: 891717742000 });
    expect([dataset.ratingMin, dataset.ratingMax]).toEqual([1, 5]);
  });

  it.each([
    ['user,item\n1,2\n', "u.data line 1 is not a MovieLens rating file: found 'user,item'"],
    ['userId,movieId,rating,timestamp\n', 'u.data has no ratings'],
    ['1\t2\t3\t4\n1\t2\t3\n', 'u.data line 2: expected 4 fields (user, item, rating, timestamp), found 3'],
    ['x\t2\t3\t4\n', "u.data line 1 field user: expected a numeric id, found 'x'"],
    ['1\t2\t3.5\t4\n', "u.data line 1 field rating: '3.5' is not a rating from 1 to 5 in steps of 1"],
    ['1\t2\t6\t4\n', "u.data line 1 field rating: '6' is not a rating from 1 to 5 in steps of 1"],
    ['1\t2\t\t4\n', "u.data line 1 field rating: '' is not a rating"],
    ['1\t2\t3\tyesterday\n', "u.data line 1 field timestamp: expected Unix seconds, found 'yesterday'"],
  ])('rejects %j', (text, message) => {
    expect(() => parseMovieLensRatings(text, 'u.data')).toThrow(RatingsFileError);
    expect(() => parseMovieLensRatings(text, 'u.data')).toThrow(message);
  });

  it('rejects 0 stars in ratings.csv', () => {
    const text = 'userId,movieId,rating,timestamp\n1,2,4.0,5\n1,3,0,5\n';

    expect(() => parseMovieLensRatings(text, 'r.csv')).toThrow("r.csv line 3 field rating: '0' is not a rating from 0.5 to 5 in steps of 0.5");
  });
});

describe('loadMovieLensRatings', () => {
  let dir: string;

  beforeEach(() => {
    dir = createTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('reads a file by path', () => {
    const path = join(dir, 'u.data');
    writeFileSync(path, '1\t2\t5\t10\n');

    expect(loadMovieLensRatings(path).ratings).toHaveLength(1);
  });

  it('missing file names the path', () => {
    const path = join(dir, 'absent.csv');

    expect(() => loadMovieLensRatings(path)).toThrow(`cannot read MovieLens ratings at ${path}`);
  });
});

describeWithDataset('MovieLens latest-small', 'movielens-latest-small/ratings.csv', (path) => {
  it('loads every rating', () => {
    const dataset = loadMovieLensRatings(path);

    expect(dataset.ratings).toHaveLength(100_836);
    expect(dataset.users).toBe(610);
    expect(dataset.items).toBe(9724);
  });
});
