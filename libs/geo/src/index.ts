export * from './city-area';
export * from './corridor';
export * from './corridor-index';
export * from './geodesy';
export * from './local-projection';
export * from './simplify';
