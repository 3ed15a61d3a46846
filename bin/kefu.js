#!/usr/bin/env node
// Launcher only: the CLI lives in dist/ (built by `npm ci` through the prepare script).
import { readFileSync } from 'node:fs';

// `kefu … | head`: a reader that goes away early is not an error (exit quietly, like cat)
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // what commander prints for it, without loading the CLI (issue 7: lazy start)
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(args);
}
