// The scenario file (docs/architecture.md, "Scenario format"): parse, validate, describe.
export { loadScenario } from './load-scenario';
export { parseScenario, scenarioHint } from './parse-scenario';
export { applyOverrides, parseOverride, recordedOverride, type Override } from './overrides';
export { scenarioSchema, textKinds, type Scenario, type ScenarioInput, type TextKind } from './scenario-schema';
export { scenarioJsonSchema, scenarioJsonSchemaPath, scenarioJsonSchemaText } from './json-schema';
export { describeChaosStep, describeFault, describeLoadStep, describeScenario } from './describe-scenario';
export type { Fault, Window } from './fault-schema';
export type { LoadStep } from './load-schema';
export { chaosActionOf, type ChaosStep } from './chaos-schema';
export { chaosActionsOf, listChaosActions, type ChaosAction, type DeviceKind } from './device-kinds';
export { abortableVerdicts, type AbortableVerdict, type Expectations } from './expect-schema';
export type { Threshold, ThresholdOp, ThresholdUnit } from '../units';
export * as scenarioDefaults from './defaults';
