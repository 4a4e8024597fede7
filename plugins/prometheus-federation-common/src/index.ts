/**
 * Types, permissions, names and rules shared by the prometheus-federation plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './firstCollection';
export * from './constants';
export * from './permissions';
export * from './federateJob';
export * from './layout';
export * from './validation';
export * from './onboarding';
export * from './cost';
export * from './promRegex';
export * from './regexLiterals';
export * from './matchLimits';
export * from './catalogCluster';
export * from './sharedCause';
export * from './narrowOwners';
