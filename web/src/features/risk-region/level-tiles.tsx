import { Card, Col, Row, Statistic } from "antd";
import { defaultColourHex, type RiskLevel } from "../../../../domain/risk/levels.js";
import { levelsHighFirst, useRiskLevelLabel } from "./risk-level.js";

/** Four counts, one per risk level in its colour (重大 first). */
export function LevelTiles({ counts, testIdPrefix, suffix }: { counts: Record<RiskLevel, number>; testIdPrefix: string; suffix?: string }) {
  const label = useRiskLevelLabel();
  return (
    <Row gutter={[12, 12]}>
      {levelsHighFirst.map((level) => (
        <Col key={level} xs={12} md={6}>
          <Card size="small" style={{ borderTop: `3px solid ${defaultColourHex[level]}` }}>
            <Statistic
              title={label(level)}
              value={counts[level]}
              suffix={suffix}
              styles={{ content: { color: level === "general" ? "#ad8b00" : defaultColourHex[level] } }}
              data-testid={`${testIdPrefix}-${level}`}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
