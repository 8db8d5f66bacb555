import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { AuditTrail } from '../partner/AuditTrail';
import { useNodeNames } from '../partner/common';
import { CoordinationShell } from './CoordinationShell';
import { OrganisationPicker } from './OrganisationPicker';

const ACTIONS = ['CREATE', 'UPDATE', 'ARCHIVE', 'ADD_MEMBER', 'REMOVE_MEMBER', 'REQUEST', 'DECIDE', 'REVOKE'];

/**
 * /koordination/protokoll — the audit trail, newest first, each change with its fields before
 * and after, read on with "more"; filtered by organisation and kind of change (kept in the URL).
 */
export function AuditLogPage() {
  const { t } = useI18n();
  return (
    <CoordinationShell title={t.partner.auditTitle} intro={t.partner.auditIntro}>
      <AuditLogView />
    </CoordinationShell>
  );
}

function AuditLogView() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const organisationId = params.get('organisation') ?? '';
  const action = params.get('aktion') ?? '';
  const actionId = useId();
  const names = useNodeNames(organisationId ? [organisationId] : []);
  const update = (change: { organisation?: string; aktion?: string }) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  const filter = { ...(organisationId ? { organisationId } : {}), ...(action ? { action } : {}) };
  return (
    <>
      <fieldset className="filters">
        <legend>{t.partner.filters}</legend>
        <div>
          {organisationId ? (
            <div className="pt-chosen">
              <p role="status">{t.partner.filteredBy(names.get(organisationId)?.name ?? '…')}</p>
              <button type="button" className="pt-secondary" onClick={() => update({ organisation: '' })}>{t.partner.clearFilter}</button>
            </div>
          ) : (
            <OrganisationPicker label={t.partner.pickerSearch} onPick={(o) => update({ organisation: o.id })} />
          )}
        </div>
        <div>
          <label htmlFor={actionId}>{t.partner.filterAction}</label>
          <select id={actionId} value={action} onChange={(e) => update({ aktion: e.target.value })}>
            <option value="">{t.partner.anyAction}</option>
            {ACTIONS.map((a) => <option key={a} value={a}>{t.partner.actionNames[a]}</option>)}
          </select>
        </div>
      </fieldset>
      <h2 id="audit-table-title" className="pt-sr-only">{t.partner.auditCaption}</h2>
      <AuditTrail filter={filter} showOrganisation onOrganisation={organisationId ? undefined : (o) => update({ organisation: o.id })} headingId="audit-table-title" />
    </>
  );
}
