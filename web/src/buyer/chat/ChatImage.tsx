import { useEffect, useState } from 'react';
import { useApi } from '../../common/session.tsx';
import { useI18n } from '../../i18n/index.tsx';

/** An image sent in the chat (the download needs the signed-in token, so it is fetched). */
export function ChatImage({ fileId }: { fileId: number }) {
  const { t } = useI18n();
  const api = useApi();
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    api
      .GET('/api/v1/evidence-files/{id}', { params: { path: { id: fileId } }, parseAs: 'blob' })
      .then((res) => {
        if (live && res.data) {
          url = URL.createObjectURL(res.data as Blob);
          setSrc(url);
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, fileId]);
  return src ? (
    <img className="chat-image" src={src} alt={t('chat.image')} />
  ) : (
    <span className="chat-image hint">{t('chat.imageLoading')}</span>
  );
}
