/**
 * The retailer scenario on the Customer Personality data set, in one command:
 *
 *   npm run build && node dist/examples/customer-personality/run.js
 *
 * It imports the customers (with mapping.json) and turns the six spend columns into
 * category items and purchase events. It trains the models in models.json: k-means
 * segments, logistic regression on Response and ALS over the categories. Then it checks
 * the rules and templates, previews every campaign and runs each one's latest scheduled
 * slot into the outbox under data/examples/customer-personality/.
 */
import 'reflect-metadata';

import { join } from 'node:path';

import { ExampleDefinition, runExampleCli } from '../../src/demo/example-cli';
import { importStep } from '../../src/demo/example-steps';
import { projectRoot, sharedDatasetsFolder } from '../../src/evaluation/project-paths';
import { Clock } from '../../src/scheduler/clock';
import { writeCategoryFeedback } from './category-feedback';

const CUSTOMER_PERSONALITY: ExampleDefinition = {
  name: 'customer-personality',
  description: 'Import, train, check, preview and run the retailer campaigns on the Customer Personality data.',
  defaultData: join(sharedDatasetsFolder(), 'customer-personality', 'marketing_campaign.csv'),
  dataHelp: 'marketing_campaign.csv of the Customer Personality data set (default: ../shared/datasets/customer-personality/)',
  async importData(session, output, csv) {
    const exampleDir = join(projectRoot(), 'examples', 'customer-personality');
    await importStep(session, output, 'customers', csv, join(exampleDir, 'mapping.json'));

    const files = writeCategoryFeedback(csv, session.folders.outDir, session.app.get(Clock).now());
    output.write(`wrote ${files.itemCount} category items to ${files.items} and ${files.eventCount} purchase events to ${files.events}\n`);
    await importStep(session, output, 'items', files.items);
    await importStep(session, output, 'events', files.events);
  },
};

void runExampleCli(CUSTOMER_PERSONALITY, process.argv).then((status) => {
  process.exitCode = status;
});
