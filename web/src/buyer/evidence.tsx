import { useId } from 'react';
import { unwrap } from '../api/client.ts';
import { FilePicker } from '../common/file-picker.tsx';
import { useAction } from '../common/hooks.ts';
import { PrivateImage } from '../common/private-image.tsx';
import { useApi } from '../common/session.tsx';
import { ErrorMessage } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';

export interface Upload {
  id: number;
  name: string;
  preview: string;
}

const TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
type ImageType = (typeof TYPES)[number];

/** Evidence photos: each picked file is uploaded as raw bytes and shown as a preview. */
export function EvidencePicker({ uploads, onChange }: { uploads: Upload[]; onChange(u: Upload[]): void }) {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const upload = useAction(async (files: File[]) => {
    const done: Upload[] = [];
    for (const file of files) {
      const type = (TYPES as readonly string[]).includes(file.type) ? (file.type as ImageType) : 'image/jpeg';
      const stored = await unwrap(
        api.POST('/api/v1/evidence-files', {
          body: file as unknown as string,
          bodySerializer: (b: unknown) => b as BodyInit,
          headers: { 'content-type': type },
        }),
      );
      done.push({ id: stored.id, name: file.name, preview: URL.createObjectURL(file) });
    }
    return done;
  });
  return (
    <FilePicker
      id={id}
      label={t('buyer.evidence.photos')}
      buttonText={t('buyer.evidence.add')}
      showChosen={false}
      accept={TYPES.join(',')}
      multiple
      aria-describedby={`${id}-hint`}
      onChange={async (files, e) => {
        e.target.value = '';
        const done = await upload.run(files);
        if (done) onChange([...uploads, ...done]);
      }}
    >
      <small id={`${id}-hint`} className="hint">
        {upload.busy ? t('buyer.evidence.uploading') : t('buyer.evidence.hint')}
      </small>
      <ErrorMessage error={upload.error} />
      {uploads.length ? (
        <ul className="previews">
          {uploads.map((u) => (
            <li key={u.id}>
              <img src={u.preview} alt={t('buyer.evidence.preview', { name: u.name })} />
              <button
                type="button"
                className="btn btn-link"
                onClick={() => onChange(uploads.filter((x) => x.id !== u.id))}
              >
                {t('buyer.evidence.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </FilePicker>
  );
}

/** An uploaded evidence image. */
export function EvidenceImage({ fileId }: { fileId: number }) {
  const { t } = useI18n();
  const name = t('buyer.evidence.file', { id: fileId });
  return <PrivateImage fileId={fileId} className="evidence-img" alt={name} placeholder={name} />;
}
