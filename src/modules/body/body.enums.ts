import { registerEnumType } from 'type-graphql';

/** What a steering or advisory body is for. */
export enum BodyKind {
  STEERING_GROUP = 'STEERING_GROUP',
  ADVISORY_BOARD = 'ADVISORY_BOARD',
  PROJECT_GROUP = 'PROJECT_GROUP',
  COORDINATION_OFFICE = 'COORDINATION_OFFICE',
  WORKSHOP = 'WORKSHOP',
  OTHER = 'OTHER',
}

registerEnumType(BodyKind, {
  name: 'BodyKind',
  description: 'What a body of the programme is for.',
  valuesConfig: {
    STEERING_GROUP: { description: 'Steers the programme (Steuerungs-AG).' },
    ADVISORY_BOARD: { description: 'Advises the programme (Programmbeirat).' },
    PROJECT_GROUP: { description: 'Works on the programme inside the administration (Projektgruppe).' },
    COORDINATION_OFFICE: { description: 'Runs the programme day to day (Projektkoordination).' },
    WORKSHOP: { description: 'Brings strategic partners together (Integrationsworkshop).' },
  },
});
