#!/usr/bin/env node
// `mantianxing <command>` (npx mantianxing … in the app directory): the CLI in src/cli.ts, run in this process
// with tsx's loader, as `node --import tsx src/cli.ts` does.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
