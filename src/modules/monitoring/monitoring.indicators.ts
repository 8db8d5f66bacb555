import { IndicatorMeasure, IndicatorUnit } from './monitoring.enums';

/*
 * The indicators of the monitoring, described once: their codes, their labels in German and
 * English, and their definitions, which the API, the CSV and the report page all show.
 */

export interface IndicatorGroup {
  /** The code, or the first part of the codes of a group with keys ("active_partners.field" → "active_partners.field.I"). */
  code: string;
  label: string;
  labelEn: string;
  definition: string;
  definitionEn: string;
  unit: IndicatorUnit;
  measure: IndicatorMeasure;
  /** The group's keys in words: German and English, for a key and its name from the data (null when none). */
  keyLabel?: (key: string, name: string | null) => { de: string; en: string };
}

const ACTIVE_DE = 'Aktiver Partner an einem Tag: eine Organisation, die an dem Tag im Netzwerk stand (seit ihrem Beitrittsdatum, nicht archiviert) und mindestens eine an dem Tag geltende Verbindung zu einem Fachforum, Gremium oder Projekt hatte, das an dem Tag bestand.';
const ACTIVE_EN = 'Active partner on a day: an organisation in the network that day (joined by then, not archived) with at least one link holding that day to a forum, body or project that stood that day.';
const STOCK_DE = 'Stand am letzten Tag des Zeitraums.';
const STOCK_EN = 'State on the last day of the period.';
const FLOW_DE = 'Anzahl innerhalb des Zeitraums (erster und letzter Tag eingeschlossen).';
const FLOW_EN = 'Count within the period (first and last day included).';
const GRAPH_DE = 'Partnergraph: die aktiven Partner; zwei sind verbunden, wenn sie an dem Tag gemeinsam in mindestens einem Fachforum, Gremium oder Projekt sind.';
const GRAPH_EN = 'Partner graph: the active partners; two are connected when they share at least one forum, body or project that day.';

export const KIND_LABELS: Record<string, { de: string; en: string }> = {
  FEDERAL_AUTHORITY: { de: 'Bundesbehörde', en: 'Federal authority' },
  STATE_AUTHORITY: { de: 'Landesbehörde', en: 'State authority' },
  DISTRICT_AUTHORITY: { de: 'Kreisbehörde', en: 'District authority' },
  MUNICIPALITY: { de: 'Kommune', en: 'Municipality' },
  MUNICIPAL_DEPARTMENT: { de: 'Fachamt der Stadt', en: 'City department' },
  EMPLOYMENT_AGENCY: { de: 'Arbeitsverwaltung', en: 'Employment agency' },
  WELFARE_ASSOCIATION: { de: 'Wohlfahrtsverband', en: 'Welfare association' },
  CHURCH: { de: 'Kirche, Glaubensgemeinschaft', en: 'Church, faith community' },
  TRADE_UNION: { de: 'Gewerkschaft', en: 'Trade union' },
  FOUNDATION: { de: 'Stiftung', en: 'Foundation' },
  MIGRANT_ORGANISATION: { de: 'Migrantenorganisation', en: 'Migrant organisation' },
  ASSOCIATION: { de: 'Verein, Initiative', en: 'Association, initiative' },
  SCHOOL: { de: 'Schule', en: 'School' },
  SCHOOL_AUTHORITY: { de: 'Schulverwaltung', en: 'School authority' },
  DAYCARE_PROVIDER: { de: 'Kita-Träger', en: 'Day-care provider' },
  ADULT_EDUCATION: { de: 'Erwachsenenbildung', en: 'Adult education' },
  COURSE_PROVIDER: { de: 'Kursträger', en: 'Course provider' },
  EMPLOYMENT_PROVIDER: { de: 'Beschäftigungsträger', en: 'Employment provider' },
  CHAMBER: { de: 'Kammer', en: 'Chamber' },
  HOUSING_COMPANY: { de: 'Wohnungsunternehmen', en: 'Housing company' },
  SPORTS_ORGANISATION: { de: 'Sportverein', en: 'Sports club' },
  ADVISORY_COUNCIL: { de: 'Beirat', en: 'Advisory council' },
  COMMITTEE: { de: 'Gremium', en: 'Committee' },
  NEIGHBOURHOOD_MANAGEMENT: { de: 'Quartiersmanagement', en: 'Neighbourhood management' },
  WORKING_GROUP: { de: 'Arbeitskreis', en: 'Working group' },
  OTHER: { de: 'Sonstige', en: 'Other' },
};

export const LEVEL_LABELS: Record<string, { de: string; en: string }> = {
  FEDERAL: { de: 'Bund', en: 'Federal' },
  STATE: { de: 'Land', en: 'State' },
  DISTRICT: { de: 'Kreis', en: 'District' },
  CITY: { de: 'Stadt', en: 'City' },
  CIVIL_SOCIETY: { de: 'Zivilgesellschaft', en: 'Civil society' },
  PRIVATE: { de: 'Privatwirtschaft', en: 'Private sector' },
};

/** The groups in the order the API, the CSV and the report list them. */
export const INDICATOR_GROUPS: IndicatorGroup[] = [
  {
    code: 'active_partners',
    label: 'Aktive Partner',
    labelEn: 'Active partners',
    definition: `${ACTIVE_DE} ${STOCK_DE}`,
    definitionEn: `${ACTIVE_EN} ${STOCK_EN}`,
    unit: IndicatorUnit.COUNT,
    measure: IndicatorMeasure.STOCK,
  },
  {
    code: 'active_partners.field',
    label: 'Aktive Partner nach Handlungsfeld',
    labelEn: 'Active partners by field of action',
    definition: `Aktive Partner, die das Handlungsfeld abdecken (nach ihrer heutigen Zuordnung zu Handlungsfeldern, die nicht datiert ist). ${ACTIVE_DE} ${STOCK_DE}`,
    definitionEn: `Active partners covering the field of action (by their present assignment to fields, which is not dated). ${ACTIVE_EN} ${STOCK_EN}`,
    unit: IndicatorUnit.COUNT,
    measure: IndicatorMeasure.STOCK,
    keyLabel: (key, name) => ({ de: `Handlungsfeld ${key}${name ? ` ${name}` : ''}`, en: `Field of action ${key}${name ? ` ${name}` : ''}` }),
  },
  {
    code: 'active_partners.kind',
    label: 'Aktive Partner nach Art',
    labelEn: 'Active partners by kind',
    definition: `Aktive Partner einer Art von Organisation; nur Arten, die in einem der Zeiträume vorkommen. ${ACTIVE_DE} ${STOCK_DE}`,
    definitionEn: `Active partners of a kind of organisation; only kinds present in some period. ${ACTIVE_EN} ${STOCK_EN}`,
    unit: IndicatorUnit.COUNT,
    measure: IndicatorMeasure.STOCK,
    keyLabel: (key) => KIND_LABELS[key] ?? { de: key, en: key },
  },
  {
    code: 'active_partners.level',
    label: 'Aktive Partner nach Ebene',
    labelEn: 'Active partners by level',
    definition: `Aktive Partner einer Ebene (Bund, Land, Kreis, Stadt, Zivilgesellschaft, Privatwirtschaft); nur Ebenen, die in einem der Zeiträume vorkommen. ${ACTIVE_DE} ${STOCK_DE}`,
    definitionEn: `Active partners on a level (federal, state, district, city, civil society, private); only levels present in some period. ${ACTIVE_EN} ${STOCK_EN}`,
    unit: IndicatorUnit.COUNT,
    measure: IndicatorMeasure.STOCK,
    keyLabel: (key) => LEVEL_LABELS[key] ?? { de: key, en: key },
  },
  {
    code: 'links_started',
    label: 'Begonnene Verbindungen',
    labelEn: 'Links started',
    definition: `Mitgliedschaften in Fachforen und Gremien und Projektbeteiligungen, die im Zeitraum begonnen haben (Beginndatum im Zeitraum). Ein Rollenwechsel zählt nicht; Verbindungen mit unbekanntem Beginn zählen nie. ${FLOW_DE}`,
    definitionEn: `Forum and body memberships and project participations that started within the period (their since day in it). A role change does not count; links whose start is unknown never do. ${FLOW_EN}`,
    unit: IndicatorUnit.COUNT,
    measure: IndicatorMeasure.FLOW,
  },
  {
    code: 'links_ended',
    label: 'Beendete Verbindungen',
    labelEn: 'Links ended',
    definition: `Mitgliedschaften und Projektbeteiligungen, die im Zeitraum endeten (erster Tag, an dem sie nicht mehr gelten, im Zeitraum), aus jedem Grund außer einem Rollenwechsel. ${FLOW_DE}`,
    definitionEn: `Memberships and participations that ended within the period (the first day they no longer hold in it), for any reason but a role change. ${FLOW_EN}`,
    unit: IndicatorUnit.COUNT,
    measure: IndicatorMeasure.FLOW,
  },
  {
    code: 'forum_members',
    label: 'Mitglieder je Fachforum',
    labelEn: 'Members per forum',
    definition: `Aktive Partner, die an dem Tag Mitglied des Fachforums sind. ${STOCK_DE}`,
    definitionEn: `Active partners that are members of the forum that day. ${STOCK_EN}`,
    unit: IndicatorUnit.COUNT,
    measure: IndicatorMeasure.STOCK,
    keyLabel: (key, name) => ({ de: name ?? key, en: name ?? key }),
  },
  {
    code: 'coverage_cells_filled',
    label: 'Besetzte Zellen der Abdeckungsmatrix',
    labelEn: 'Coverage cells filled',
    definition: `Zellen der Matrix Handlungsfeld × Art der Organisation mit mindestens einem aktiven Partner. Anders als die Abfrage coverage, die jede Organisation des Verzeichnisses zählt, zählen hier nur aktive Partner. ${STOCK_DE}`,
    definitionEn: `Cells of the matrix field of action × kind of organisation holding at least one active partner. Unlike the coverage query, which counts every organisation in the directory, only active partners count here. ${STOCK_EN}`,
    unit: IndicatorUnit.COUNT,
    measure: IndicatorMeasure.STOCK,
  },
  {
    code: 'fields_without_partners',
    label: 'Handlungsfelder ohne Partner',
    labelEn: 'Fields of action without partners',
    definition: `Handlungsfelder, die an dem Tag bestanden und von keinem aktiven Partner abgedeckt wurden. ${STOCK_DE}`,
    definitionEn: `Fields of action that stood that day and that no active partner covered. ${STOCK_EN}`,
    unit: IndicatorUnit.COUNT,
    measure: IndicatorMeasure.STOCK,
  },
  {
    code: 'network_density',
    label: 'Netzwerkdichte',
    labelEn: 'Network density',
    definition: `${GRAPH_DE} Dichte = 2K / (N(N−1)) mit N aktiven Partnern und K verbundenen Paaren (ein Paar zählt einmal, wie viele Kontexte es auch teilt); 0 bei weniger als zwei Partnern. ${STOCK_DE}`,
    definitionEn: `${GRAPH_EN} Density = 2E / (N(N−1)) with N active partners and E connected pairs (a pair counts once, however many contexts it shares); 0 with fewer than two partners. ${STOCK_EN}`,
    unit: IndicatorUnit.SHARE,
    measure: IndicatorMeasure.STOCK,
  },
  {
    code: 'connected_groups',
    label: 'Zusammenhängende Gruppen',
    labelEn: 'Connected groups',
    definition: `${GRAPH_DE} Anzahl der Zusammenhangskomponenten: Gruppen, deren Partner über gemeinsame Kontexte (auch über Dritte) verbunden sind; ein Partner ohne gemeinsamen Kontext ist eine Gruppe für sich. Keine Community-Erkennung wie in der Abfrage network: die Komponenten sind eindeutig und für jeden Zeitraum günstig zu berechnen. ${STOCK_DE}`,
    definitionEn: `${GRAPH_EN} Number of connected components: groups whose partners are joined through shared contexts (directly or through others); a partner sharing no context is a group of its own. Not the community detection of the network query: components are unambiguous and cheap for every period. ${STOCK_EN}`,
    unit: IndicatorUnit.COUNT,
    measure: IndicatorMeasure.STOCK,
  },
  {
    code: 'cross_linked_share',
    label: 'Anteil in mehreren Fachforen',
    labelEn: 'Share linked to more than one forum',
    definition: `Anteil der aktiven Partner, die an dem Tag Mitglied in mehr als einem Fachforum sind (Querverbindung); 0 ohne aktive Partner. ${STOCK_DE}`,
    definitionEn: `Share of the active partners that are members of more than one forum that day (cross-linkage); 0 without active partners. ${STOCK_EN}`,
    unit: IndicatorUnit.SHARE,
    measure: IndicatorMeasure.STOCK,
  },
];
