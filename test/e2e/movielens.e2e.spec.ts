import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'csv-parse/sync';

import { openSqliteStore } from '../../src/store';
import type { SendRecord } from '../../src/store';
import { describeWithDataset } from '../helpers/datasets';
import { createTempDir, removeTempDir } from '../helpers/temp-store';
import { OutboxMessage, readOutbox } from './support/outbox';
import { compiled, describeRun, runNode } from './support/processes';

const WEEKEND = 'Movies for your weekend';
const MISSED = 'Movies you missed';

/** `segment active = last(rating).time >= 2017-09-24` in examples/movielens/rules. */
const ACTIVE_SINCE = Date.UTC(2017, 8, 24) / 1000;

/** The example's models with fewer factors, epochs and neighbours, so the suite stays short. */
const MODEST_MODELS = {
  models: {
    mf: { plugin: 'matrix-factorization', params: { eventType: 'rating', ratingMin: 0.5, ratingMax: 5, factors: 10, maxEpochs: 15, minItemCustomers: 30, topN: 10 } },
    cf: { plugin: 'collaborative-filtering', params: { eventType: 'rating', ratingMin: 0.5, ratingMax: 5, basis: 'item', neighbours: 20, minItemCustomers: 30, topN: 10 } },
  },
};

function userIdOf(message: OutboxMessage): string {
  const match = /^user-(\d+)@example\.com$/.exec(message.to);
  if (match === null) {
    throw new Error(`unexpected recipient ${message.to} in ${message.file}`);
  }
  return match[1];
}

/** Returns the movie lines of a text part, each `- Title (Genre|Genre)` as the templates write them. */
function movieLines(message: OutboxMessage): string[] {
  return message.text.split('\n').filter((line) => line.startsWith('- '));
}

describeWithDataset('MovieLens scenario', 'movielens-latest-small/ratings.csv', (ratingsPath) => {
  const movies = new Map<string, { title: string; genres: string }>();
  const rated = new Map<string, Set<string>>();
  const lastRating = new Map<string, number>();
  let out: string;
  let messages: OutboxMessage[];
  let sent: SendRecord[];

  beforeAll(async () => {
    const rows: Array<Record<string, string>> = parse(readFileSync(join(ratingsPath, '..', 'movies.csv')), { columns: true });
    for (const row of rows) {
      movies.set(row.movieId, { title: row.title, genres: row.genres });
    }
    const ratings: Array<Record<string, string>> = parse(readFileSync(ratingsPath), { columns: true });
    for (const rating of ratings) {
      rated.set(rating.userId, (rated.get(rating.userId) ?? new Set()).add(rating.movieId));
      lastRating.set(rating.userId, Math.max(lastRating.get(rating.userId) ?? 0, Number(rating.timestamp)));
    }

    out = createTempDir('rulecast-movielens-');
    const models = join(out, 'models.json');
    writeFileSync(models, JSON.stringify(MODEST_MODELS));
    const run = await runNode(compiled('examples/movielens/run.js'), ['--out', out, '--models', models], { RULECAST_SEND_RATE: '1000' });
    if (run.status !== 0) {
      throw new Error(`the MovieLens example failed: ${describeRun(run)}`);
    }
    messages = await readOutbox(join(out, 'outbox'));

    const store = openSqliteStore(join(out, 'rulecast.db'));
    try {
      sent = [];
      for (const campaignRun of await store.campaignRuns.list()) {
        sent.push(...(await store.sendLog.listByRun(campaignRun.id, 'sent')));
      }
    } finally {
      await store.store.close();
    }
  }, 600_000);

  afterAll(() => {
    if (out !== undefined) {
      removeTempDir(out);
    }
  });

  it('weekend emails reach the active users', () => {
    const active = [...lastRating.entries()].filter(([, time]) => time >= ACTIVE_SINCE).map(([user]) => user);
    const reached = messages.filter((message) => message.campaign === WEEKEND).map(userIdOf);

    expect(active.length).toBe(60);
    expect(new Set(reached)).toEqual(new Set(active));
    expect(reached.length).toBe(active.length);
  });

  it('other users get the missed-movies email', () => {
    const inactive = [...lastRating.entries()].filter(([, time]) => time < ACTIVE_SINCE).map(([user]) => user);
    const reached = messages.filter((message) => message.campaign === MISSED).map(userIdOf);

    expect(new Set(reached)).toEqual(new Set(inactive));
    expect(reached.length).toBe(inactive.length);
  });

  it('offers exclude movies already rated', () => {
    expect(sent.length).toBe(messages.length);

    const seen = sent.flatMap((record) => (record.offers ?? []).filter((movie) => rated.get(record.customerId)?.has(movie) === true).map((movie) => `${record.customerId}:${movie}`));

    expect(seen).toEqual([]);
  });

  it('each email offers three movies', () => {
    const counts = new Set(sent.map((record) => record.offers?.length ?? 0));

    expect(counts).toEqual(new Set([3]));
  });

  it('emails name the offered titles', () => {
    const byCustomer = new Map(sent.map((record) => [`${record.campaign}:${record.customerId}`, record.offers ?? []]));

    for (const message of messages) {
      const offers = byCustomer.get(`${message.campaign}:${userIdOf(message)}`) ?? [];
      const expected = offers.map((movie) => {
        const known = movies.get(movie);
        return known === undefined ? `unknown movie ${movie}` : `- ${known.title} (${known.genres})`;
      });
      expect([message.to, movieLines(message)]).toEqual([message.to, expected]);
    }
  });

  it('titles are real movies', () => {
    const titles = [...movies.values()].map((movie) => movie.title);
    const unknown = messages.flatMap(movieLines).filter((line) => !titles.some((title) => line.startsWith(`- ${title} (`)));

    expect(messages.length).toBe(610);
    expect(unknown).toEqual([]);
  });
});
