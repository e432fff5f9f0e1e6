import { createContext, type ReactNode, useContext } from 'react';
import { useToast } from '../../common/feedback.tsx';
import { Button } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { WebhooksApi } from './webhooks-api.ts';

/** Whose endpoints the webhook pages show: a shop's (merchant console) or the platform's (ops console). */
export interface WebhooksScope {
  api: WebhooksApi;
  /** The pages' own path ("/merchant/webhooks", "/ops/webhooks"). */
  base: string;
  /** Whether the reader may write (a shop's owner, an ops rule admin); others read. */
  canWrite: boolean;
  /** The platform's endpoints: every event type of the catalog, not only a shop's. */
  platform: boolean;
}

const ScopeContext = createContext<WebhooksScope | undefined>(undefined);

export function WebhooksScopeProvider({ value, children }: { value: WebhooksScope; children: ReactNode }) {
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export function useWebhooksScope(): WebhooksScope {
  const value = useContext(ScopeContext);
  if (!value) throw new Error('useWebhooksScope outside WebhooksScopeProvider');
  return value;
}

/** Copies `text` to the clipboard and says so; where the clipboard is refused the text stays selectable. */
export function CopyButton({ text, label, done }: { text: string; label: string; done: string }) {
  const { t } = useI18n();
  const toast = useToast();
  return (
    <Button
      kind="secondary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          toast.success(done);
        } catch {
          toast.error(t('integrations.secret.copyFailed'));
        }
      }}
    >
      {label}
    </Button>
  );
}
