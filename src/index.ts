export * from './core';
export * as aws from './aws';
export * as gcp from './gcp';
export * from './governance';
export * as azure from './azure';
export * from './strategy';
