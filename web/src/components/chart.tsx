import type { EChartsCoreOption } from "echarts/core";
import { useEffect, useRef } from "react";
import { useLang } from "../i18n/i18n-context.js";

type Props = {
  option: EChartsCoreOption;
  height?: number;
  ariaLabel: string;
  onClick?: (params: { name: string; dataIndex: number; seriesName?: string }) => void;
};

/**
 * An ECharts chart, loaded lazily (the library is its own chunk) and rendered as SVG so text stays crisp
 * and selectable. Re-renders when the option changes; resizes with its container.
 */
export function Chart({ option, height = 320, ariaLabel, onClick }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const [lang] = useLang();
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void import("./echarts-core.js").then(({ echarts }) => {
      if (disposed || !el.current) return;
      const chart = echarts.init(el.current, undefined, { renderer: "svg", locale: lang === "zh-CN" ? "ZH" : "EN" });
      chart.setOption(option);
      chart.on("click", (p) => clickRef.current?.(p as { name: string; dataIndex: number; seriesName?: string }));
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(el.current);
      dispose = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [option, lang]);

  return <div ref={el} role="img" aria-label={ariaLabel} style={{ width: "100%", height }} />;
}
