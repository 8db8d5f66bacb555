import { cacheExchange, Client, fetchExchange } from '@urql/core';

/**
 * The GraphQL client: urql over the SDK's typed documents, on this server's /graphql. Sent
 * as POST with JSON (the server refuses cross-site "simple" requests); the session cookie,
 * when signed in, goes along because the page and the API share their origin.
 */
export const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
  preferGetMethod: false,
  fetchOptions: { credentials: 'same-origin' },
  requestPolicy: 'cache-and-network',
});
