// The stub's thread starts here. A worker thread inherits no module loader from the thread that
// starts it, whether that thread runs under tsx (`bin/smsgw.js`, `tsx`) or vitest, so it registers
// tsx for itself before it loads the stub's TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./stub-worker.ts');
