import { useToast } from '../../common/feedback.tsx';
import { Button } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import './receiver.css';

/** The receiver of an order as the server gives it to the shop (the phone masked unless it waits to ship). */
export interface ReceiverView {
  recipient: string;
  phone: string;
  phoneMasked: boolean;
  regionName: string;
  detail: string;
}

/**
 * Where the parcel goes: name, phone and address as the buyer typed them (shown as written). On an order
 * to ship the phone is in full and the whole receiver can be copied for the waybill; elsewhere the
 * phone is masked (138****1234) and says when it shows.
 */
export function Receiver({ receiver, copy = false }: { receiver: ReceiverView | null; copy?: boolean }) {
  const { t } = useI18n();
  const toast = useToast();
  if (!receiver) return <span className="hint">{t('merchant.receiver.none')}</span>;
  const text = `${receiver.recipient} ${receiver.phone} ${receiver.regionName} ${receiver.detail}`;
  return (
    <div className="m-receiver">
      <address aria-label={t('merchant.receiver.title')}>
        <span data-user-text>
          <strong>{receiver.recipient}</strong> <span className="m-receiver-phone">{receiver.phone}</span>
        </span>
        <span className="m-receiver-address" data-user-text>
          {receiver.regionName} {receiver.detail}
        </span>
      </address>
      {receiver.phoneMasked ? <small className="hint">{t('merchant.receiver.masked')}</small> : null}
      {copy && !receiver.phoneMasked ? (
        <Button
          kind="link"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(text);
              toast.success(t('merchant.receiver.copied'));
            } catch {
              // the clipboard is not allowed here (an insecure page): the text stays selectable
            }
          }}
        >
          {t('merchant.receiver.copy')}
        </Button>
      ) : null}
    </div>
  );
}
