/*
 * The texts of the analysts' pages (coverage, gaps, downloads), part of the one catalogue in
 * messages.ts. The English section must have every key the German one has.
 *
 * The gap sentences hold a link (the field of action or forum) in their middle: they take it
 * as `place` and return the sentence as parts, strings and that place, which the page renders
 * one after the other. The word order stays the language's own.
 */

const listDe = (items: string[]) => new Intl.ListFormat('de', { type: 'conjunction' }).format(items);
const listEn = (items: string[]) => new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(items);
const numberDe = (n: number) => n.toLocaleString('de-DE');
const numberEn = (n: number) => n.toLocaleString('en-GB');

/** The coverage matrix's column dimensions (CoverageDimension), in words. */
type Dimension = 'KIND' | 'LEVEL' | 'SOCIAL_AREA';
const DIMENSION_DE: Record<Dimension, string> = { KIND: 'Art', LEVEL: 'Ebene', SOCIAL_AREA: 'Sozialraum' };
const DIMENSION_EN: Record<Dimension, string> = { KIND: 'kind', LEVEL: 'level', SOCIAL_AREA: 'social area' };

export const analysisDe = {
  coverageTitle: 'Abdeckung der Handlungsfelder',
  gapsTitle: 'Lücken im Netzwerk',
  downloadsTitle: 'Downloads',
  coverage: {
    intro:
      'Welche Partner arbeiten in welchem Handlungsfeld, und welcher Art (oder Ebene) sind sie? Jede Zelle zählt die Organisationen; je dunkler die Zelle, desto mehr sind es. Eine Zahl führt zu den Organisationen dahinter im Verzeichnis.',
    columns: 'Spalten',
    byKind: 'nach Art der Organisation',
    byLevel: 'nach Ebene',
    bySocialArea: 'nach Sozialraum',
    csvLink: 'Diese Tabelle als CSV herunterladen (für Excel)',
    caption: (by: Dimension) => `Organisationen je Handlungsfeld (Zeilen) und ${DIMENSION_DE[by]} (Spalten)`,
    socialAreaNote:
      'Eine Zelle zählt die Organisationen, die für den Stadtbezirk oder Stadtteil da sind, direkt oder über ein Gebiet, das ihn enthält (wer für ganz Wetzlar da ist, zählt überall). Wer keinen Sozialraum angegeben hat, zählt nur in „Zusammen“.',
    field: 'Handlungsfeld',
    total: 'Zusammen',
    fieldName: (code: string, name: string) => `${code} – ${name}`,
    cellLink: (count: number, by: Dimension, column: string, code: string) =>
      by === 'SOCIAL_AREA'
        ? `${numberDe(count)} ${count === 1 ? 'Organisation' : 'Organisationen'} für „${column}“ in Handlungsfeld ${code}: im Verzeichnis zeigen`
        : `${numberDe(count)} ${count === 1 ? 'Organisation' : 'Organisationen'} der ${by === 'LEVEL' ? 'Ebene' : 'Art'} „${column}“ in Handlungsfeld ${code}: im Verzeichnis zeigen`,
    totalLink: (count: number, code: string) =>
      `${numberDe(count)} ${count === 1 ? 'Organisation' : 'Organisationen'} in Handlungsfeld ${code} zusammen: im Verzeichnis zeigen`,
    summary: (total: number) =>
      `${numberDe(total)} ${total === 1 ? 'Organisation arbeitet' : 'Organisationen arbeiten'} in mindestens einem Handlungsfeld. Wer in mehreren Feldern arbeitet, zählt in jeder dieser Zeilen.`,
    scale: 'Farbskala',
    scaleNote: 'Die Farbe verstärkt nur, was die Zahl sagt: jede Zelle nennt ihre Anzahl.',
    none: 'keine (0)',
    range: (from: number, to: number) => (from === to ? numberDe(from) : `${numberDe(from)}–${numberDe(to)}`),
    scrollLabel: 'Abdeckungstabelle, waagerecht verschiebbar',
  },
  gaps: {
    intro:
      'Wo ist das Netzwerk dünn? Handlungsfelder und Fachforen mit zu wenigen Partnern, Arten von Organisationen, die in einem Handlungsfeld fehlen, und Ebenen, die in einem Fachforum fehlen.',
    settings: 'Was als Lücke gilt',
    minPartners: 'Dünn besetzt heißt: weniger Partner als',
    minPartnersHint: 'Eine ganze Zahl von 1 bis 100.',
    kinds: 'Diese Arten von Organisationen sollten in jedem Handlungsfeld vertreten sein',
    levels: 'Diese Ebenen sollten in jedem Fachforum vertreten sein',
    reset: 'Voreinstellung wiederherstellen',
    found: (n: number) => (n === 0 ? 'Keine Lücken gefunden.' : n === 1 ? '1 Lücke gefunden.' : `${numberDe(n)} Lücken gefunden.`),
    groups: {
      THIN_FIELD: 'Dünn besetzte Handlungsfelder',
      THIN_FORUM: 'Dünn besetzte Fachforen',
      KIND_MISSING_IN_FIELD: 'Arten von Organisationen, die in einem Handlungsfeld fehlen',
      LEVEL_MISSING_IN_FORUM: 'Ebenen, die in einem Fachforum fehlen',
    } as Record<string, string>,
    groupNone: 'Keine.',
    noKindsChosen: 'Keine Art gewählt: hier wird nichts gesucht.',
    noLevelsChosen: 'Keine Ebene gewählt: hier wird nichts gesucht.',
    fieldName: (code: string, name: string) => `Handlungsfeld ${code} – ${name}`,
    thinField: <T>(place: T, count: number, threshold: number): (string | T)[] =>
      count === 0 ? [place, ' hat keinen Partner.']
      : [place, ` hat nur ${count === 1 ? 'einen Partner' : `${numberDe(count)} Partner`} (weniger als ${numberDe(threshold)}).`],
    thinForum: <T>(place: T, count: number, threshold: number): (string | T)[] =>
      count === 0 ? [place, ' hat kein Mitglied.']
      : [place, ` hat nur ${count === 1 ? 'ein Mitglied' : `${numberDe(count)} Mitglieder`} (weniger als ${numberDe(threshold)}).`],
    kindMissing: <T>(place: T, kinds: string[]): (string | T)[] =>
      kinds.length === 1 ? ['In ', place, ` arbeitet keine Organisation der Art „${kinds[0]}“ mit.`]
      : ['In ', place, ` arbeitet keine Organisation dieser Arten mit: ${listDe(kinds)}.`],
    levelMissing: <T>(place: T, levels: string[]): (string | T)[] =>
      levels.length === 1 ? [place, ` hat kein Mitglied der Ebene „${levels[0]}“.`]
      : [place, ` hat kein Mitglied dieser Ebenen: ${listDe(levels)}.`],
  },
  downloads: {
    intro: 'Die Daten des Verzeichnisses zum Weiterarbeiten, immer im aktuellen Stand. Ansprechpersonen sind in keiner Datei enthalten.',
    csvTitle: 'Organisationen als Tabelle (CSV)',
    csvText: 'Alle Organisationen mit Art, Ebene, Handlungsfeldern, Fachforen, Gremien und Projekten. Öffnet sich in LibreOffice Calc und jedem Tabellenprogramm.',
    csvLink: 'organisations.csv herunterladen',
    csvExcelText: 'Für Microsoft Excel: dieselbe Tabelle mit einer Kennung für UTF-8 (BOM), damit Umlaute richtig erscheinen.',
    csvExcelLink: 'organisations.csv für Excel herunterladen',
    graphmlTitle: 'Partnernetzwerk als Graph (GraphML)',
    graphmlText:
      'Die Organisationen und ihre Verbindungen mit Betweenness, Gemeinschaft und Gewicht. Öffnet sich in Gephi (Datei → Öffnen, „ungerichtet“) und anderen Programmen für Netzwerkanalyse.',
    graphmlFilters: 'Nur einen Ausschnitt des Netzwerks (optional)',
    graphmlLink: 'network.graphml herunterladen',
    graphmlLinkFiltered: (parts: string[]) => `network.graphml herunterladen (${parts.join(', ')})`,
    graphmlField: (code: string) => `Handlungsfeld ${code}`,
    affiliationsTitle: 'Mitgliedschaften als Netzwerk (GEXF, Kumu)',
    affiliationsText:
      'Wer gehört zu welchem Fachforum, Gremium und Projekt, mit Rolle und, wo erfasst, Beginn und Ende: als GEXF für Gephi (mit Zeitleiste) und als zwei Tabellen (Elemente, Verbindungen) für Kumu oder den Tabellenimport von Gephi. Der Ausschnitt oben gilt auch hier.',
    gexfLink: 'network.gexf herunterladen',
    elementsLink: 'kumu-elements.csv herunterladen',
    connectionsLink: 'kumu-connections.csv herunterladen',
    hsdsTitle: 'Organisationen im Austauschformat (HSDS-JSON)',
    hsdsText: 'Die Organisationen als „organizations“ im Format Open Referral HSDS 3, für Werkzeuge und Verzeichnisse, die soziale Angebote austauschen.',
    hsdsLink: 'hsds.json herunterladen',
    monitoringTitle: 'Monitoring des Netzwerks (Bericht und CSV)',
    monitoringText:
      'Kennzahlen je Quartal der letzten fünf Jahre: aktive Partner, begonnene und beendete Verbindungen, Mitglieder je Fachforum, Abdeckung, Dichte und Querverbindungen. Der Bericht lässt sich als PDF drucken.',
    monitoringReport: 'Bericht öffnen (monitoring.html)',
    monitoringCsv: 'monitoring.csv herunterladen',
  },
};

export const analysisEn: typeof analysisDe = {
  coverageTitle: 'Coverage of the fields of action',
  gapsTitle: 'Gaps in the network',
  downloadsTitle: 'Downloads',
  coverage: {
    intro:
      'Which partners work in which field of action, and of what kind (or level) are they? Each cell counts the organisations; the darker the cell, the more there are. A number leads to the organisations behind it in the directory.',
    columns: 'Columns',
    byKind: 'by kind of organisation',
    byLevel: 'by level',
    bySocialArea: 'by social area',
    csvLink: 'Download this table as CSV (for Excel)',
    caption: (by: Dimension) => `Organisations per field of action (rows) and ${DIMENSION_EN[by]} (columns)`,
    socialAreaNote:
      'A cell counts the organisations serving the district, directly or through an area containing it (a city-wide service counts everywhere). Organisations that state no social area count only in “Total”.',
    field: 'Field of action',
    total: 'Total',
    fieldName: (code: string, name: string) => `${code} – ${name}`,
    cellLink: (count: number, by: Dimension, column: string, code: string) =>
      by === 'SOCIAL_AREA'
        ? `${numberEn(count)} ${count === 1 ? 'organisation' : 'organisations'} serving “${column}” in field of action ${code}: show in the directory`
        : `${numberEn(count)} ${count === 1 ? 'organisation' : 'organisations'} of the ${by === 'LEVEL' ? 'level' : 'kind'} “${column}” in field of action ${code}: show in the directory`,
    totalLink: (count: number, code: string) =>
      `${numberEn(count)} ${count === 1 ? 'organisation' : 'organisations'} in field of action ${code} in total: show in the directory`,
    summary: (total: number) =>
      `${numberEn(total)} ${total === 1 ? 'organisation works' : 'organisations work'} in at least one field of action. Those working in several fields count in each of their rows.`,
    scale: 'Colour scale',
    scaleNote: 'The colour only underlines what the number says: every cell states its count.',
    none: 'none (0)',
    range: (from: number, to: number) => (from === to ? numberEn(from) : `${numberEn(from)}–${numberEn(to)}`),
    scrollLabel: 'Coverage table, scrolls sideways',
  },
  gaps: {
    intro:
      'Where is the network thin? Fields of action and forums with too few partners, kinds of organisation missing from a field of action, and levels missing from a forum.',
    settings: 'What counts as a gap',
    minPartners: 'Thin means: fewer partners than',
    minPartnersHint: 'A whole number from 1 to 100.',
    kinds: 'These kinds of organisation should be present in every field of action',
    levels: 'These levels should be present in every forum',
    reset: 'Restore the defaults',
    found: (n: number) => (n === 0 ? 'No gaps found.' : n === 1 ? '1 gap found.' : `${numberEn(n)} gaps found.`),
    groups: {
      THIN_FIELD: 'Thinly covered fields of action',
      THIN_FORUM: 'Thinly staffed forums',
      KIND_MISSING_IN_FIELD: 'Kinds of organisation missing from a field of action',
      LEVEL_MISSING_IN_FORUM: 'Levels missing from a forum',
    },
    groupNone: 'None.',
    noKindsChosen: 'No kind chosen: nothing is looked for here.',
    noLevelsChosen: 'No level chosen: nothing is looked for here.',
    fieldName: (code: string, name: string) => `Field of action ${code} – ${name}`,
    thinField: <T>(place: T, count: number, threshold: number): (string | T)[] =>
      count === 0 ? [place, ' has no partners.']
      : [place, ` has only ${count === 1 ? 'one partner' : `${numberEn(count)} partners`} (fewer than ${numberEn(threshold)}).`],
    thinForum: <T>(place: T, count: number, threshold: number): (string | T)[] =>
      count === 0 ? [place, ' has no members.']
      : [place, ` has only ${count === 1 ? 'one member' : `${numberEn(count)} members`} (fewer than ${numberEn(threshold)}).`],
    kindMissing: <T>(place: T, kinds: string[]): (string | T)[] =>
      kinds.length === 1 ? [`No organisation of the kind “${kinds[0]}” works in `, place, '.']
      : ['No organisation of these kinds works in ', place, `: ${listEn(kinds)}.`],
    levelMissing: <T>(place: T, levels: string[]): (string | T)[] =>
      levels.length === 1 ? [place, ` has no member from the level “${levels[0]}”.`]
      : [place, ` has no member from these levels: ${listEn(levels)}.`],
  },
  downloads: {
    intro: 'The directory’s data to work with, always up to date. No file contains contact persons.',
    csvTitle: 'Organisations as a spreadsheet (CSV)',
    csvText: 'Every organisation with its kind, level, fields of action, forums, bodies and projects. Opens in LibreOffice Calc and any spreadsheet program.',
    csvLink: 'Download organisations.csv',
    csvExcelText: 'For Microsoft Excel: the same table with a UTF-8 marker (BOM), so that umlauts show correctly.',
    csvExcelLink: 'Download organisations.csv for Excel',
    graphmlTitle: 'Partner network as a graph (GraphML)',
    graphmlText:
      'The organisations and their links, with betweenness, community and weight. Opens in Gephi (File → Open, “undirected”) and other network analysis programs.',
    graphmlFilters: 'Only part of the network (optional)',
    graphmlLink: 'Download network.graphml',
    graphmlLinkFiltered: (parts: string[]) => `Download network.graphml (${parts.join(', ')})`,
    graphmlField: (code: string) => `field of action ${code}`,
    affiliationsTitle: 'Memberships as a network (GEXF, Kumu)',
    affiliationsText:
      'Who belongs to which forum, body and project, with the role and, where recorded, start and end: as GEXF for Gephi (with a timeline) and as two sheets (elements, connections) for Kumu or Gephi\'s spreadsheet import. The part chosen above applies here too.',
    gexfLink: 'Download network.gexf',
    elementsLink: 'Download kumu-elements.csv',
    connectionsLink: 'Download kumu-connections.csv',
    hsdsTitle: 'Organisations in an exchange format (HSDS JSON)',
    hsdsText: 'The organisations as “organizations” in the Open Referral HSDS 3 format, for tools and directories that exchange social services.',
    hsdsLink: 'Download hsds.json',
    monitoringTitle: 'Network monitoring (report and CSV)',
    monitoringText:
      'Indicators per quarter over the last five years: active partners, links started and ended, members per forum, coverage, density and cross-linkage. The report prints to PDF.',
    monitoringReport: 'Open the report (monitoring.html)',
    monitoringCsv: 'Download monitoring.csv',
  },
};
