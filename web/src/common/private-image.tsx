import { useEffect, useState } from 'react';
import { useApi } from './session.tsx';

/**
 * An image from the platform's file store that only some may read (evidence, chat photos): the
 * download needs the signed-in token, so it is fetched and shown from an object URL, released when the
 * image leaves the page. Until it arrives (or if it cannot be read), `placeholder` is shown.
 */
export function PrivateImage({
  fileId,
  className,
  alt,
  placeholder,
}: {
  fileId: number;
  className: string;
  alt: string;
  placeholder: string;
}) {
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
    <img className={className} src={src} alt={alt} />
  ) : (
    <span className={`${className} hint`}>{placeholder}</span>
  );
}
