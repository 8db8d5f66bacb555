import { useI18n } from '../../i18n/i18n';

export function RequestsPage() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t.partner.requestsTitle}</h1>
    </section>
  );
}
