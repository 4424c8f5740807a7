#!/usr/bin/env node
// Entry point: registers the TypeScript loader, then hands over to the commander program.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
