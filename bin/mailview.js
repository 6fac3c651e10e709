#!/usr/bin/env node
// Runs the bundle that `npm run build` writes (run automatically by `npm install`), through a code cache.
require('../dist/boot.cjs').boot(require('node:path').join(__dirname, '../dist/mailview.cjs'));
