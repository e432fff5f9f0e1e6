import { useNavigate } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { useAction } from '../../common/hooks.ts';
import { useApi, useSession } from '../../common/session.tsx';
import { Button, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';

/**
 * 客服 / 联系商家: opens (or reuses) the buyer's conversation with the shop about what is on screen (a
 * product, the live room, an order), then goes to it. Signed out, it goes to sign-in first.
 */
export function ContactShopButton({
  shopId,
  shopName,
  context,
  className,
  kind = 'secondary',
}: {
  shopId: number;
  shopName: string;
  context: { type: 'product' | 'live' | 'order'; id: number };
  className?: string;
  kind?: 'primary' | 'secondary' | 'link';
}) {
  const { t } = useI18n();
  const api = useApi();
  const { account } = useSession();
  const navigate = useNavigate();
  const open = useAction(async () => {
    const c = await unwrap(api.POST('/api/v1/chat/conversations', { body: { shopId, context } }));
    navigate(`/chat/${c.id}`);
  });
  return (
    <>
      <Button
        kind={kind}
        className={className ? `btn btn-${kind} ${className}` : undefined}
        busy={open.busy}
        aria-label={t('chat.contact.label', { shop: shopName })}
        onClick={() => {
          if (!account) {
            navigate(`/login?next=${encodeURIComponent(window.location.pathname)}`);
            return;
          }
          void open.run();
        }}
      >
        {t(`chat.contact.${context.type}`)}
      </Button>
      <ErrorMessage error={open.error} />
    </>
  );
}
