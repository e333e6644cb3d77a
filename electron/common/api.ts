/** Kept for existing imports: the contract lives in contract.ts. */
export * from './contract.js';
