export * from './preflight';
export * from './run-command';
export * from './start-process';
