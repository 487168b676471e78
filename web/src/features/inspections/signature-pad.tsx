import { ClearOutlined } from "@ant-design/icons";
import { Button, Flex, Typography, theme } from "antd";
import { type PointerEvent, useEffect, useRef } from "react";
import { useT } from "../../i18n/i18n-context.js";

const height = 160;

/**
 * A finger or stylus signature on a canvas, handed on as a base64 PNG (without the data: prefix) once a stroke
 * ends; null after clearing. The canvas is drawn at the device's pixel ratio so the PNG stays sharp.
 */
export function SignaturePad({ id, label, onChange }: { id: string; label: string; onChange: (png: string | null) => void }) {
  const t = useT();
  const { token } = theme.useToken();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    c.width = Math.round(c.clientWidth * ratio);
    c.height = Math.round(height * ratio);
    const ctx = c.getContext("2d");
    if (!ctx) return;
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#000";
  }, []);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = e.currentTarget.getContext("2d");
    if (!ctx) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    // A tap leaves a dot.
    ctx.lineTo(p.x + 0.1, p.y + 0.1);
    ctx.stroke();
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext("2d");
    if (!ctx) return;
    const p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    onChange(canvas.current?.toDataURL("image/png").replace(/^data:image\/png;base64,/, "") ?? null);
  };
  const clear = () => {
    const c = canvas.current;
    c?.getContext("2d")?.clearRect(0, 0, c.width, c.height);
    onChange(null);
  };

  return (
    <Flex vertical gap={4}>
      <Flex justify="space-between" align="center">
        <Typography.Text>{label}</Typography.Text>
        <Button size="small" icon={<ClearOutlined />} onClick={clear} id={`${id}-clear`}>
          {t("inspections.signatureClear")}
        </Button>
      </Flex>
      <canvas
        ref={canvas}
        id={id}
        data-testid="signature-pad"
        aria-label={label}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        style={{
          width: "100%",
          height,
          touchAction: "none",
          background: token.colorBgContainer,
          border: `1px dashed ${token.colorBorder}`,
          borderRadius: token.borderRadius,
          cursor: "crosshair",
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("inspections.signatureHint")}
      </Typography.Text>
    </Flex>
  );
}
