import { useI18n } from '../../i18n/i18n';

export function TokensPage() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t.partner.tokensTitle}</h1>
    </section>
  );
}
