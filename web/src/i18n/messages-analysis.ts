/*
 * The texts of the analysts' pages (coverage, gaps, downloads), part of the one catalogue in
 * messages.ts. The English section must have every key the German one has.
 */
export const analysisDe = {
  coverageTitle: 'Abdeckung der Handlungsfelder',
  gapsTitle: 'Lücken im Netzwerk',
  downloadsTitle: 'Downloads',
};

export const analysisEn: typeof analysisDe = {
  coverageTitle: 'Coverage of the fields of action',
  gapsTitle: 'Gaps in the network',
  downloadsTitle: 'Downloads',
};
