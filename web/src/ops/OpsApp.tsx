import { useI18n } from '../i18n/index.tsx';
import { SessionProvider } from '../shared/session.tsx';
import { LanguageSwitch } from '../shared/ui.tsx';

export default function OpsApp() {
  const { t } = useI18n();
  return (
    <SessionProvider scope="ops">
      <header className="row">
        <h1>{t('ops.title')}</h1>
        <LanguageSwitch />
      </header>
    </SessionProvider>
  );
}
