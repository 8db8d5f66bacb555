import { useI18n } from '../../i18n/i18n';

export function DownloadsPage() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t.analysis.downloadsTitle}</h1>
    </section>
  );
}
