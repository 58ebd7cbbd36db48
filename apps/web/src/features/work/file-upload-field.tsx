/** Choosing one file and sending it (a rubric file, the external indices import): picker, chosen name, send button. */
import { Button } from 'antd';
import { useState } from 'react';

type Props = {
  /** The page's messages: the picker's label and the text shown before a file is chosen. */
  labels: { chooseFile: string; noFile: string };
  sendLabel: string;
  accept: string;
  busy: boolean;
  /** A new choice: the page clears the outcome of the previous file. */
  onPick: () => void;
  onSend: (file: File) => unknown;
};

export function FileUploadField({ labels, sendLabel, accept, busy, onPick, onSend }: Props) {
  const [file, setFile] = useState<File | null>(null);
  return (
    <div className="sheet__toolbar">
      <label className="ext-file">
        {labels.chooseFile}
        <input
          type="file"
          className="ext-file__input"
          aria-label={labels.chooseFile}
          accept={accept}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            onPick();
          }}
        />
      </label>
      <span className={file ? undefined : 'work-muted'}>{file ? file.name : labels.noFile}</span>
      <Button type="primary" disabled={!file} loading={busy} onClick={() => file && void onSend(file)}>
        {sendLabel}
      </Button>
    </div>
  );
}

/** The multipart body of a single-file upload. */
export function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file);
  return form;
}
