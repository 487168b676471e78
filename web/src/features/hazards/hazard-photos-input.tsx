import { CameraOutlined, DeleteOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { useRef, useState } from "react";
import { useT } from "../../i18n/i18n-context.js";
import { type PhotoUpload, photoOf } from "../checks/photo.js";

export type { PhotoUpload };

const maxPhotos = 4;

/**
 * Up to four photos from the phone's rear camera or the gallery, shrunk client-side (checks/photo.ts) before
 * they are sent as base64; a Form.Item control (value/onChange). The server strips location metadata.
 */
export function HazardPhotosInput({
  id,
  value = [],
  onChange,
}: {
  id?: string;
  value?: PhotoUpload[];
  onChange?: (photos: PhotoUpload[]) => void;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string>();

  const pick = async (files: FileList | null) => {
    setProblem(undefined);
    const picked: PhotoUpload[] = [];
    for (const file of Array.from(files ?? []).slice(0, maxPhotos - value.length)) {
      try {
        picked.push(await photoOf(file));
      } catch (err) {
        setProblem(err instanceof RangeError ? t("hazards.photoTooLarge") : t("hazards.photoUnreadable"));
      }
    }
    if (picked.length) onChange?.([...value, ...picked]);
  };

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} align="center" wrap>
        <input
          ref={input}
          id={id}
          type="file"
          accept="image/jpeg,image/png,image/*"
          capture="environment"
          multiple
          style={{ display: "none" }}
          onChange={(e) => {
            void pick(e.target.files);
            e.target.value = "";
          }}
        />
        {value.map((p, i) => (
          <Flex key={p.preview.slice(-32) + String(i)} align="start" gap={2}>
            <img
              src={p.preview}
              alt={t("hazards.photoPreview", { n: i + 1 })}
              data-testid="hazard-photo-preview"
              style={{ width: 72, height: 72, objectFit: "cover", borderRadius: 4 }}
            />
            <Button
              size="small"
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t("hazards.photoRemove")}
              onClick={() => onChange?.(value.filter((_, j) => j !== i))}
            />
          </Flex>
        ))}
        {value.length < maxPhotos && (
          <Button size="large" icon={<CameraOutlined />} onClick={() => input.current?.click()} data-testid="hazard-photo-take">
            {value.length ? t("hazards.photoAdd") : t("hazards.photoTake")}
          </Button>
        )}
      </Flex>
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Flex>
  );
}

/** The body part of a photo (without the preview). */
export const uploadOf = (p: PhotoUpload) => ({ contentType: p.contentType, data: p.data });
