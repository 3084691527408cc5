export * from './pass';
export * from './pass-manager';
export * from './pipeline/parse-pipeline';
export * from './graph/replace-uses';
export * from './builtin-passes';
export { sanitizeName, uniqueNames } from './passes/unique-names';
export * from './stages';
