// What the Health screen needs, and nothing native: the app feeds it from the engine, the web build
// from a `/health` URL. Type-only imports, so react-native-web bundles no native code through here.
import type { Health } from '../engine/types';

export type { Health };

/** Where the Health screen gets its numbers. `load` may reject; the screen shows the error and retries. */
export interface HealthSource {
  load(): Promise<Health>;
}
