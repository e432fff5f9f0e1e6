import { useI18n } from '../i18n/index.tsx';
import { SessionProvider } from '../shared/session.tsx';
import { LanguageSwitch } from '../shared/ui.tsx';

export default function MerchantApp() {
  const { t } = useI18n();
  return (
    <SessionProvider scope="merchant">
      <header className="row">
        <h1>{t('merchant.title')}</h1>
        <LanguageSwitch />
      </header>
    </SessionProvider>
  );
}
