import { PrivateImage } from '../../common/private-image.tsx';
import { useI18n } from '../../i18n/index.tsx';

/** An image sent in the chat. */
export function ChatImage({ fileId }: { fileId: number }) {
  const { t } = useI18n();
  return (
    <PrivateImage
      fileId={fileId}
      className="chat-image"
      alt={t('chat.image')}
      placeholder={t('chat.imageLoading')}
    />
  );
}
