export { FindingLevel } from './rule';
export * from './security-checks';
