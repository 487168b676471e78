import { InboxOutlined } from "@ant-design/icons";
import { Alert, Progress, Typography, Upload } from "antd";
import { useEffect, useRef, useState } from "react";
import { type ApiError, toApiError } from "../api/client.js";

export type Sending = { fileName: string; percent: number };

/** An upload's state, as `useUpload` keeps it and `UploadDrop` shows it. */
export type UploadState = {
  sending: Sending | undefined;
  error: ApiError | string | undefined;
  setError: (error: ApiError | string | undefined) => void;
  start: (file: File) => Promise<void>;
};

/**
 * One file upload with progress: `start(file)` sends it through `send`, aborting any upload in flight
 * (and the last one when the component unmounts, e.g. a closed dialog or a page left).
 */
export function useUpload<R>(
  send: (file: File, onProgress: (percent: number) => void, signal: AbortSignal) => Promise<R>,
  onDone: (file: File, result: R) => void,
): UploadState {
  const [sending, setSending] = useState<Sending>();
  const [error, setError] = useState<ApiError | string>();
  const abort = useRef<AbortController>(undefined);
  useEffect(() => () => abort.current?.abort(), []);

  const start = async (file: File) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setError(undefined);
    setSending({ fileName: file.name, percent: 0 });
    try {
      const result = await send(file, (percent) => setSending({ fileName: file.name, percent }), controller.signal);
      if (controller.signal.aborted) return;
      setSending(undefined);
      onDone(file, result);
    } catch (err) {
      if (controller.signal.aborted) return;
      setSending(undefined);
      setError(toApiError(err));
    }
  };
  return { sending, error, setError, start };
}

type UploadDropProps = {
  upload: UploadState;
  /** File names the server takes, and the `accept` list for the browser's picker. */
  pattern: RegExp;
  format: string;
  wrongType: (fileName: string) => string;
  errorTitle: string;
  drop: string;
  hint: string;
  progressText: (sending: Sending) => string;
  testIdPrefix: string;
};

/** The drop zone of an upload, with its error (a wrong file type says so instead of being dropped silently) and progress. */
export function UploadDrop({ upload, pattern, format, wrongType, errorTitle, drop, hint, progressText, testIdPrefix }: UploadDropProps) {
  const { sending, error, setError, start } = upload;
  return (
    <>
      {error && (
        <Alert
          type="error"
          showIcon
          data-testid={`${testIdPrefix}-error`}
          title={errorTitle}
          description={typeof error === "string" ? error : (error.fields[0]?.message ?? error.message)}
          closable={{ onClose: () => setError(undefined) }}
        />
      )}
      <Upload.Dragger
        name="file"
        multiple={false}
        showUploadList={false}
        disabled={sending !== undefined}
        accept={{ format, filter: () => true }}
        beforeUpload={(file) => {
          if (pattern.test(file.name)) return true;
          setError(wrongType(file.name));
          return Upload.LIST_IGNORE;
        }}
        customRequest={({ file }) => {
          void start(file as File);
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{drop}</p>
        <p className="ant-upload-hint">{hint}</p>
      </Upload.Dragger>
      {sending && (
        <div data-testid={`${testIdPrefix}-progress`}>
          <Typography.Text>{progressText(sending)}</Typography.Text>
          <Progress percent={sending.percent} status="active" />
        </div>
      )}
    </>
  );
}
