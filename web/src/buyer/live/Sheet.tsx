import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useI18n } from '../../i18n/index.tsx';

/**
 * A sheet that slides up inside the room (the product bag, the coupons): a modal dialog; focus moves
 * into it, Escape or the backdrop closes it, and focus returns to the control that opened it.
 */
export function RoomSheet({
  title,
  onClose,
  children,
  className = '',
}: {
  title: ReactNode;
  onClose(): void;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      // a sheet opened over this one (the buy sheet) closes first
      if (e.key === 'Escape' && !document.querySelector('.sheet-backdrop')) onCloseRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, []);
  return (
    <div className="lr-sheet-layer">
      <button
        type="button"
        className="lr-sheet-scrim"
        tabIndex={-1}
        aria-hidden="true"
        aria-label={t('common.close')}
        onClick={onClose}
      />
      <div className={`lr-sheet ${className}`} role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <div className="lr-sheet-head">
          <h2 id={titleId}>{title}</h2>
          <button
            ref={closeRef}
            type="button"
            className="lr-sheet-close"
            onClick={onClose}
            aria-label={t('common.close')}
          >
            ×
          </button>
        </div>
        <div className="lr-sheet-body">{children}</div>
      </div>
    </div>
  );
}
