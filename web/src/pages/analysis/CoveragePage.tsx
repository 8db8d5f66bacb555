import { useI18n } from '../../i18n/i18n';

export function CoveragePage() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t.analysis.coverageTitle}</h1>
    </section>
  );
}
