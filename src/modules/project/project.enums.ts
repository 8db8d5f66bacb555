import { registerEnumType } from 'type-graphql';

export enum ProjectStatus {
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
}

registerEnumType(ProjectStatus, { name: 'ProjectStatus', description: 'Where a project stands.' });
