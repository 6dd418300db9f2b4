/** TAXII 2.1: media types and negotiation, resources, URL queries, and the client. */
export * from './media-types.ts';
export * from './resources.ts';
export * from './query.ts';
export { TaxiiClient, type TaxiiClientOptions, type TaxiiPage, type WaitOptions } from './client.ts';
export { TaxiiError, isErrorResource, type TaxiiErrorDetails } from './taxii-error.ts';
export type { TaxiiCredentials } from './transport.ts';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.ts';
