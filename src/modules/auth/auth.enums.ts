import { registerEnumType } from 'type-graphql';

/** What a token may do. Anonymous clients (no token) read the public directory. */
export enum Role {
  PARTNER_EDITOR = 'PARTNER_EDITOR',
  COORDINATOR = 'COORDINATOR',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What an API token may do.',
  valuesConfig: {
    PARTNER_EDITOR: { description: 'Maintains the entries of its own organisations and asks to join forums, bodies and projects.' },
    COORDINATOR: { description: 'The coordination office: maintains everything, decides membership requests, issues tokens.' },
    ADMIN: { description: 'Everything a coordinator does, and issues ADMIN tokens.' },
  },
});
