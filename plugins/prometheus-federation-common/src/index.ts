/**
 * Types, permissions and the federate job shape shared by the prometheus-federation plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './constants';
export * from './permissions';
export * from './federateJob';
