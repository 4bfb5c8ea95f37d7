#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(`rulecast: the compiled CLI is missing at ${entry}; run "npm run build" (npm ci runs it for you) and try again\n`);
  process.exit(1);
}
require(entry);
