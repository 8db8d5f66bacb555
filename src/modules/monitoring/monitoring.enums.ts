import { registerEnumType } from 'type-graphql';

/** How long each period of a monitoring series is. */
export enum MonitoringInterval {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

/** What a value counts: a number of things, or a share between 0 and 1. */
export enum IndicatorUnit {
  COUNT = 'COUNT',
  SHARE = 'SHARE',
}

/** When in its period a value is taken. */
export enum IndicatorMeasure {
  STOCK = 'STOCK',
  FLOW = 'FLOW',
}

registerEnumType(MonitoringInterval, {
  name: 'MonitoringInterval',
  description: 'The length of the periods of a monitoring series: calendar months, quarters or years.',
  valuesConfig: {
    MONTH: { description: 'Calendar months, labelled "2024-03".' },
    QUARTER: { description: 'Calendar quarters, labelled "2024-Q1".' },
    YEAR: { description: 'Calendar years, labelled "2024".' },
  },
});
registerEnumType(IndicatorUnit, {
  name: 'IndicatorUnit',
  description: 'What the values of an indicator are.',
  valuesConfig: {
    COUNT: { description: 'A number of organisations, links, cells, fields or groups: a whole number.' },
    SHARE: { description: 'A share between 0 and 1 (network density, cross-linkage).' },
  },
});
registerEnumType(IndicatorMeasure, {
  name: 'IndicatorMeasure',
  description: 'Whether a value is the state on the last day of its period or what happened during it.',
  valuesConfig: {
    STOCK: { description: 'The network as it stood on the last day of the period.' },
    FLOW: { description: 'What happened within the period, its first and last day included.' },
  },
});
