import { useState } from 'react';
import { useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction } from '../../common/hooks.ts';
import { Button, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { CopyButton, useWebhooksScope } from './scope.tsx';
import type { Secret } from './webhooks-api.ts';

/**
 * The endpoint's signing secret: hidden until asked for (查看密钥), shown at once right after the
 * endpoint was created; 轮换密钥 confirms that the old secret stops working in 24 hours.
 */
export function SecretPanel({ endpointId, created }: { endpointId: number; created: string | undefined }) {
  const { t, dateTime } = useI18n();
  const { api } = useWebhooksScope();
  const confirm = useConfirm();
  const toast = useToast();
  const [secret, setSecret] = useState<Secret | undefined>(
    created ? { secret: created, previousSecretExpiresAt: null } : undefined,
  );
  const [shown, setShown] = useState(Boolean(created));
  const reveal = useAction(async () => {
    setSecret(await api.secret(endpointId));
    setShown(true);
  });
  const rotate = useAction(async () => {
    const ok = await confirm({
      title: t('integrations.secret.rotateTitle'),
      body: t('integrations.secret.rotateBody'),
      confirmLabel: t('integrations.secret.rotate'),
      danger: true,
    });
    if (!ok) return;
    setSecret(await api.rotateSecret(endpointId));
    setShown(true);
    toast.success(t('integrations.secret.rotated'));
  });
  return (
    <section className="card stack" aria-labelledby={`xi-secret-${endpointId}`}>
      <h3 id={`xi-secret-${endpointId}`}>{t('integrations.secret.title')}</h3>
      {created ? <p className="xi-warning">{t('integrations.secret.createdNotice')}</p> : null}
      <p className="hint">{t('integrations.secret.hint')}</p>
      <div className="row xi-secret">
        {shown && secret ? (
          <code data-testid="webhook-secret">{secret.secret}</code>
        ) : (
          <span className="hint">{t('integrations.secret.masked')}</span>
        )}
      </div>
      {shown && secret?.previousSecretExpiresAt ? (
        <p className="hint">
          {t('integrations.secret.previousUntil', { time: dateTime(secret.previousSecretExpiresAt) })}
        </p>
      ) : null}
      <div className="row">
        {shown && secret ? (
          <>
            <CopyButton
              text={secret.secret}
              label={t('integrations.secret.copy')}
              done={t('integrations.secret.copied')}
            />
            <Button kind="secondary" onClick={() => setShown(false)}>
              {t('integrations.secret.hide')}
            </Button>
          </>
        ) : (
          <Button kind="secondary" busy={reveal.busy} onClick={() => void reveal.run()}>
            {t('integrations.secret.reveal')}
          </Button>
        )}
        <Button kind="danger" busy={rotate.busy} onClick={() => void rotate.run()}>
          {t('integrations.secret.rotate')}
        </Button>
      </div>
      <ErrorMessage error={reveal.error ?? rotate.error} />
    </section>
  );
}
