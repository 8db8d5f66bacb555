import { useParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';

export function EditOrganisationPage() {
  const { t } = useI18n();
  const { slug = '' } = useParams();
  return (
    <section>
      <h1>{t.partner.editTitle(slug)}</h1>
    </section>
  );
}
