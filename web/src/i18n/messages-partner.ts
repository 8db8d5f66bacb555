/*
 * The texts of the partners' and the coordination office's pages (editing an entry, asking to
 * join, membership requests, the audit log, access keys), part of the one catalogue in
 * messages.ts. The English section must have every key the German one has.
 */
export const partnerDe = {
  editTitle: (name: string) => `${name} bearbeiten`,
  requestsTitle: 'Anträge auf Mitgliedschaft',
  auditTitle: 'Änderungsprotokoll',
  tokensTitle: 'Zugangsschlüssel',
};

export const partnerEn: typeof partnerDe = {
  editTitle: (name: string) => `Edit ${name}`,
  requestsTitle: 'Membership requests',
  auditTitle: 'Audit log',
  tokensTitle: 'Access keys',
};
