import { registerEnumType } from 'type-graphql';

/** What sort of organisation an entry is. */
export enum OrganisationKind {
  FEDERAL_AUTHORITY = 'FEDERAL_AUTHORITY',
  STATE_AUTHORITY = 'STATE_AUTHORITY',
  DISTRICT_AUTHORITY = 'DISTRICT_AUTHORITY',
  MUNICIPALITY = 'MUNICIPALITY',
  MUNICIPAL_DEPARTMENT = 'MUNICIPAL_DEPARTMENT',
  EMPLOYMENT_AGENCY = 'EMPLOYMENT_AGENCY',
  WELFARE_ASSOCIATION = 'WELFARE_ASSOCIATION',
  CHURCH = 'CHURCH',
  TRADE_UNION = 'TRADE_UNION',
  FOUNDATION = 'FOUNDATION',
  MIGRANT_ORGANISATION = 'MIGRANT_ORGANISATION',
  ASSOCIATION = 'ASSOCIATION',
  SCHOOL = 'SCHOOL',
  SCHOOL_AUTHORITY = 'SCHOOL_AUTHORITY',
  DAYCARE_PROVIDER = 'DAYCARE_PROVIDER',
  ADULT_EDUCATION = 'ADULT_EDUCATION',
  COURSE_PROVIDER = 'COURSE_PROVIDER',
  EMPLOYMENT_PROVIDER = 'EMPLOYMENT_PROVIDER',
  CHAMBER = 'CHAMBER',
  HOUSING_COMPANY = 'HOUSING_COMPANY',
  SPORTS_ORGANISATION = 'SPORTS_ORGANISATION',
  ADVISORY_COUNCIL = 'ADVISORY_COUNCIL',
  COMMITTEE = 'COMMITTEE',
  NEIGHBOURHOOD_MANAGEMENT = 'NEIGHBOURHOOD_MANAGEMENT',
  WORKING_GROUP = 'WORKING_GROUP',
  OTHER = 'OTHER',
}

/** The level of governance an organisation acts on. */
export enum GovernanceLevel {
  FEDERAL = 'FEDERAL',
  STATE = 'STATE',
  DISTRICT = 'DISTRICT',
  CITY = 'CITY',
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
  PRIVATE = 'PRIVATE',
}

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'What sort of organisation an entry is (authority, department, welfare association, …).',
  valuesConfig: {
    ASSOCIATION: { description: 'Clubs, associations and initiatives (Vereine, Verbände, Initiativen).' },
    COMMITTEE: { description: 'Standing committees of a city or district (Gremien).' },
    MUNICIPALITY: { description: 'A city or municipality as a whole (e.g. Stadt Wetzlar).' },
    MUNICIPAL_DEPARTMENT: { description: 'A department of a city (Fachamt), e.g. Jugendamt.' },
  },
});
registerEnumType(GovernanceLevel, {
  name: 'GovernanceLevel',
  description: 'The level of governance an organisation acts on.',
});
