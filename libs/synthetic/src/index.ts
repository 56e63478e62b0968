export * from './model';
export { generate, validateGenerateOptions, DEFAULT_GENERATE_OPTIONS, GenerateOptionsError, OUTPUT_FILES } from './generator';
export type { GenerateHooks, GenerateOptions, GenerateSink, Manifest, OutputFile } from './generator';
export { SCENARIO_KINDS, breachProbability } from './scenarios';
export { evaluateReference } from './oracle';
export { Rng } from './rng';
