#!/usr/bin/env node
// Loads the single bundled file that `npm run build` writes (run automatically by `npm install`).
await import('../dist/mailview.js');
