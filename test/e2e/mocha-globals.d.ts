// Mocha globals (describe, it) for the specs: @wdio/mocha-framework defines them at run time, and the
// root tsconfig loads only Node types.
/// <reference types="mocha" />
