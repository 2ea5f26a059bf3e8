export * from './domain-exception.filter';
export * from './http-app';
export * from './preflight';
export * from './public.decorator';
