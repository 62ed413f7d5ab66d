export * from './readiness/pack';
export * from './readiness/plugins';
export * from './cost/index';
export * from './recommend';
