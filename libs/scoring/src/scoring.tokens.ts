/** Injection token of the travel-mode model the worker classifies legs with (null: rules only). */
export const MODE_MODEL = Symbol('MODE_MODEL');

/** Injection token of the model file's path (null: rules only), for the analysis threads to load it. */
export const MODE_MODEL_PATH = Symbol('MODE_MODEL_PATH');
