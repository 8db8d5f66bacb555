import { useI18n } from '../../i18n/i18n';

export function GapsPage() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t.analysis.gapsTitle}</h1>
    </section>
  );
}
