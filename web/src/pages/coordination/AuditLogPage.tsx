import { useI18n } from '../../i18n/i18n';

export function AuditLogPage() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t.partner.auditTitle}</h1>
    </section>
  );
}
