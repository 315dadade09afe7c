export * from './errors.js';
export * from './common.js';
export * from './users.js';
export * from './auth.js';
export * from './lessons.js';
export * from './signaling.js';
export * from './clock.js';
export * from './meta.js';
