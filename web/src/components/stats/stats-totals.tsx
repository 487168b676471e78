import { Card, Col, Descriptions, Row, Statistic, Tooltip } from "antd";
import type { ReactNode } from "react";

export type StatTile = {
  id: string;
  title: string;
  value: string | number;
  /** Shown on hovering the title (e.g. how a rate is defined). */
  hint?: string;
  /** Small text after the value (e.g. "/ 12", an amount). */
  suffix?: string;
  /** Red: something needs attention (overdue, open 重大…). */
  danger?: boolean;
};

export type StatsTotalsProps = {
  tiles: StatTile[];
  /** Each tile's test id is `{testIdPrefix}-{id}`. */
  testIdPrefix: string;
  /** A tile's width per breakpoint, in 24ths of the row. */
  span: { xs: number; md: number; xl?: number };
  /** More of the same row after the tiles. */
  children?: ReactNode;
  /** The totals broken down under the tiles (by inspection kind, by 五个一批 tag…). */
  breakdown?: { title: string; testId: string; items: { key: string; label: string; value: ReactNode }[] };
};

/** The totals of a statistics page: a row of figure tiles and, optionally, a breakdown under them. */
export function StatsTotals({ tiles, testIdPrefix, span, children, breakdown }: StatsTotalsProps) {
  return (
    <>
      <Row gutter={[12, 12]}>
        {tiles.map((tile) => (
          <Col key={tile.id} {...span}>
            <Card size="small">
              <Statistic
                title={tile.hint ? <Tooltip title={tile.hint}>{tile.title}</Tooltip> : tile.title}
                value={tile.value}
                suffix={tile.suffix ? <span style={{ fontSize: 12 }}>{tile.suffix}</span> : undefined}
                styles={tile.danger ? { content: { color: "#cf1322" } } : undefined}
                data-testid={`${testIdPrefix}-${tile.id}`}
              />
            </Card>
          </Col>
        ))}
        {children}
      </Row>
      {breakdown && (
        <Descriptions
          size="small"
          style={{ marginTop: 12 }}
          column={{ xs: 2, md: 5 }}
          title={breakdown.title}
          data-testid={breakdown.testId}
        >
          {breakdown.items.map((item) => (
            <Descriptions.Item key={item.key} label={item.label}>
              {item.value}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </>
  );
}
