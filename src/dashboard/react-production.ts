// Imported first by start-dashboard: React picks its build when it is first loaded, and without
// NODE_ENV its development build (prop checks, fiber debugging) roughly doubled the dashboard's CPU
// per frame (src/bench/dashboard-cpu.ts). Vitest sets NODE_ENV=test, so tests keep theirs.
process.env.NODE_ENV ??= 'production';
