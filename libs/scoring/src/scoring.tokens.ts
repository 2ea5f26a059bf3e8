/** Injection token of the travel-mode model the worker classifies legs with (null: rules only). */
export const MODE_MODEL = Symbol('MODE_MODEL');
