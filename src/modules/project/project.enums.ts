import { registerEnumType } from 'type-graphql';

export enum ProjectStatus {
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
}

export enum ParticipationRole {
  LEAD = 'LEAD',
  PARTNER = 'PARTNER',
  FUNDER = 'FUNDER',
}

registerEnumType(ProjectStatus, { name: 'ProjectStatus', description: 'Where a project stands.' });
registerEnumType(ParticipationRole, {
  name: 'ParticipationRole',
  description: 'The role an organisation has in a project.',
  valuesConfig: {
    LEAD: { description: 'Runs the project.' },
    PARTNER: { description: 'Takes part in the project.' },
    FUNDER: { description: 'Funds the project.' },
  },
});
