/**
 * The streaming-service scenario on MovieLens "latest small", in one command:
 *
 *   npm run build && node dist/examples/movielens/run.js
 *
 * Users become customers with derived example.com addresses, movies become items (title
 * and genres) and ratings become rating events. It trains matrix factorization and
 * item-based collaborative filtering on the ratings, checks the rules, previews the two
 * campaigns and runs their latest scheduled slots into the outbox under
 * data/examples/movielens/. Every user gets at most one email a week.
 */
import 'reflect-metadata';

import { join } from 'node:path';

import { ExampleDefinition, runExampleCli } from '../../src/demo/example-cli';
import { importStep } from '../../src/demo/example-steps';
import { projectRoot, sharedDatasetsFolder } from '../../src/evaluation/project-paths';
import { writeUsersFile } from './users-file';

const MOVIELENS: ExampleDefinition = {
  name: 'movielens',
  description: 'Import, train, check, preview and run the "movies for your weekend" campaigns on MovieLens ratings.',
  defaultData: join(sharedDatasetsFolder(), 'movielens-latest-small'),
  dataHelp: 'folder with movies.csv and ratings.csv of a MovieLens "latest" release (default: ../shared/datasets/movielens-latest-small)',
  async importData(session, output, folder) {
    const exampleDir = join(projectRoot(), 'examples', 'movielens');
    const ratings = join(folder, 'ratings.csv');
    const users = await writeUsersFile(ratings, session.folders.outDir);
    output.write(`wrote the ${users.users} user ids of ${ratings} to ${users.path}\n`);

    await importStep(session, output, 'customers', users.path, join(exampleDir, 'users.mapping.json'));
    await importStep(session, output, 'items', join(folder, 'movies.csv'), join(exampleDir, 'movies.mapping.json'));
    await importStep(session, output, 'events', ratings, join(exampleDir, 'ratings.mapping.json'));
  },
};

void runExampleCli(MOVIELENS, process.argv).then((status) => {
  process.exitCode = status;
});
