/** Injection token of the process's shared ioredis client (not BullMQ's). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
