export * from './body-limits';
export * from './domain-exception.filter';
export * from './edge-input';
export * from './http-app';
export * from './preflight';
export * from './public.decorator';
