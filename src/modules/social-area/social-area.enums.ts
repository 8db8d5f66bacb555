import { registerEnumType } from 'type-graphql';

/** Where a social area stands in the city's division. */
export enum SocialAreaKind {
  CITY = 'CITY',
  CORE_CITY = 'CORE_CITY',
  CITY_DISTRICT = 'CITY_DISTRICT',
  OUTER_DISTRICT = 'OUTER_DISTRICT',
}

registerEnumType(SocialAreaKind, {
  name: 'SocialAreaKind',
  description: 'Where a social area stands in the division of the city: Wetzlar → Kernstadt → 12 Stadtbezirke; Wetzlar → 8 Stadtteile.',
  valuesConfig: {
    CITY: { description: 'The whole city (Stadt Wetzlar).' },
    CORE_CITY: { description: 'The core city (Kernstadt), divided into twelve Stadtbezirke.' },
    CITY_DISTRICT: { description: 'A district of the core city (Stadtbezirk), e.g. Niedergirmes.' },
    OUTER_DISTRICT: { description: 'An outer district incorporated in 1979 (Stadtteil), e.g. Naunheim.' },
  },
});
