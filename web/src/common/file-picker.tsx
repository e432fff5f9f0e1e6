import { type ChangeEvent, type InputHTMLAttributes, type ReactNode, useId, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import './file-picker.css';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className' | 'children' | 'onChange'>;

/**
 * A file field that speaks the page's language. The browser's own file button ("Choose File",
 * "No file chosen") speaks the browser's language, so the real `<input type="file">` stays in the page,
 * visually hidden but focusable and labelled (keyboard, screen readers and `setInputFiles` use it), and a
 * styled button in our words stands for it, with the chosen file name(s) beside it. Focusing the input
 * shows the focus ring on the button.
 */
export function FilePicker({
  label,
  labelHidden,
  buttonText,
  showChosen = true,
  onChange,
  children,
  ...input
}: InputProps & {
  /** The field's label: the input's accessible name. */
  label: string;
  /** Keep the label for assistive technology only (the button's words already say it). */
  labelHidden?: boolean;
  /** The button's words; 选择文件 / Choose file when not given. */
  buttonText?: string;
  /**
   * Show the chosen file name(s) (or 未选择文件 / No file chosen). Off for pickers that upload at once
   * and show what was uploaded themselves.
   */
  showChosen?: boolean;
  onChange?(files: File[], event: ChangeEvent<HTMLInputElement>): void;
  /** Shown under the control (hints, status). */
  children?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const ownId = useId();
  const id = input.id ?? ownId;
  const chosenId = `${id}-chosen`;
  const [names, setNames] = useState<string[]>([]);
  const describedBy = [input['aria-describedby'], showChosen ? chosenId : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field file-picker">
      <label htmlFor={id} className={labelHidden ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <div className="file-picker-row">
        <input
          {...input}
          id={id}
          type="file"
          className="visually-hidden file-picker-input"
          aria-describedby={describedBy || undefined}
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            setNames(files.map((f) => f.name));
            onChange?.(files, event);
          }}
        />
        {/* the stand-in for the browser's button: clicking it opens the input; hidden from assistive tech */}
        <label htmlFor={id} className="btn btn-secondary file-picker-button" aria-hidden="true">
          {buttonText ?? t('common.file.choose')}
        </label>
        {showChosen ? (
          <span id={chosenId} className="file-picker-chosen" data-chosen={names.length > 0 || undefined}>
            {/* file names are the reader's own words, in any language */}
            {names.length ? (
              <span data-user-text>{names.join(lang === 'zh' ? '、' : ', ')}</span>
            ) : (
              t('common.file.none')
            )}
          </span>
        ) : null}
      </div>
      {children}
    </div>
  );
}
