// Types for what tests read from eslint.config.js: the ml/ layer order is declared there once.
export declare const ML_ORDER: readonly string[];
declare const config: unknown;
export default config;
